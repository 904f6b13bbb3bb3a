package dk.care.provisioning.benchmark;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.v1.CreateUserRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Latency at a fixed rate, as an admin UI or an HR feed sends: the worker's, from requestedAt to the
 * outcome consumed, next to the Kafka pass-through's at the same rate, and the worker's split into
 * its hops by the timestamps the database keeps of each request (decided, committed, relayed).
 */
final class FixedRateLatency {

    private final BenchmarkSettings settings;
    private final Map<String, Object> clients;
    private final TopicProperties topics;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    FixedRateLatency(BenchmarkSettings settings, Map<String, Object> clients, TopicProperties topics,
                     DataSource dataSource) {
        this.settings = settings;
        this.clients = clients;
        this.topics = topics;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * The pass-through first, then the worker, each with {@code rate} requests per second of
     * {@code mix}, a warm-up at that rate first; CPU is for the whole phase, warm-up included. With
     * {@code standardBeside} above 0, STANDARD requests go out at about that rate too, interleaved, and
     * are measured apart: the worker's figures and hops are those of the {@code mix} alone.
     */
    Result measure(String prefix, int rate, Map<String, Integer> mix, int standardBeside) throws Exception {
        // As for the drains: autovacuum and a checkpoint after the last phase's inserts would otherwise
        // land in this one, and stall its commits for seconds.
        BenchmarkSeeder.settle(dataSource);
        int warmUp = rate * settings.rateWarmUpSeconds();
        int count = warmUp + settings.requestsAt(rate);
        Histogram kafka = new PassThroughBaseline(clients, settings.partitions())
                .latencyAt(rate, new BenchmarkRequests(prefix + "k", mix).next(count), warmUp);
        List<CreateUserRequest> load = new BenchmarkRequests(prefix, mix).next(count);
        Set<String> passwords = new HashSet<>();
        double sendRate = rate;
        int sendWarmUp = warmUp;
        if (standardBeside > 0) {
            int every = Math.max(1, rate / standardBeside);
            List<CreateUserRequest> standard = new BenchmarkRequests(prefix + "s", Map.of("standard", 100))
                    .next(count / every);
            standard.forEach(request -> passwords.add(request.getRequestId()));
            load = interleaved(load, standard, every);
            sendRate = rate + rate / (double) every;
            sendWarmUp = warmUp + warmUp / every;
        }
        long cpuBefore = Benchmark.processCpuNanos();
        long postgresCpuBefore = DrainCosts.postgresCpuNanos();
        long wallBefore = System.nanoTime();
        Benchmark.Arrivals arrivals = Benchmark.latencyAt(sendRate, clients, topics.requests(),
                List.of(topics.userCreated(), topics.userCreationFailed()), load, sendWarmUp);
        long wall = System.nanoTime() - wallBefore;
        Histogram worker = passwords.isEmpty() ? arrivals.endToEnd() : endToEnd(arrivals, key -> !passwords.contains(key));
        Histogram beside = passwords.isEmpty() ? null : endToEnd(arrivals, passwords::contains);
        var result = new Result(rate, mix, (int) worker.getTotalCount(), worker, kafka, new Hops(),
                (Benchmark.processCpuNanos() - cpuBefore) / (double) wall,
                (DrainCosts.postgresCpuNanos() - postgresCpuBefore) / (double) wall, standardBeside, beside);
        split(prefix, arrivals, result.hops());
        return result;
    }

    /** {@code load} with one of {@code others} after every {@code every} of its requests. */
    private static List<CreateUserRequest> interleaved(List<CreateUserRequest> load, List<CreateUserRequest> others,
                                                       int every) {
        List<CreateUserRequest> all = new ArrayList<>(load.size() + others.size());
        for (int i = 0; i < load.size(); i++) {
            all.add(load.get(i));
            if ((i + 1) % every == 0 && (i + 1) / every <= others.size()) {
                all.add(others.get((i + 1) / every - 1));
            }
        }
        return all;
    }

    /** From requestedAt to the outcome consumed, for the measured requests whose key is {@code chosen}. */
    private static Histogram endToEnd(Benchmark.Arrivals arrivals, Predicate<String> chosen) {
        Histogram histogram = histogram();
        arrivals.arrivedMicros().forEach((key, arrived) -> {
            Long sent = arrivals.sentMicros().get(key);
            if (sent != null && chosen.test(key)) {
                histogram.recordValue(Math.max(0, arrived - sent));
            }
        });
        return histogram;
    }

    /**
     * Each request's way: sent, decided by the listener (its idempotency record's time), committed
     * (PostgreSQL's commit timestamp of that record), relayed (the outbox row acknowledged by the
     * broker) and consumed.
     */
    private void split(String prefix, Benchmark.Arrivals arrivals, Hops hops) {
        jdbc.query("""
                select p.request_id,
                       (extract(epoch from p.processed_at) * 1000000)::bigint,
                       (extract(epoch from pg_xact_commit_timestamp(p.xmin)) * 1000000)::bigint,
                       (extract(epoch from o.sent_at) * 1000000)::bigint
                from processed_request p
                join outbox_message o on o.message_key = p.request_id and o.topic in (?, ?)
                where p.request_id like ? and o.sent_at is not null""", row -> {
            String requestId = row.getString(1);
            Long sent = arrivals.sentMicros().get(requestId);
            Long consumed = arrivals.arrivedMicros().get(requestId);
            if (sent != null && consumed != null) {
                long decided = row.getLong(2);
                long committed = row.getLong(3);
                long relayed = row.getLong(4);
                record(hops.toDecision, decided - sent);
                record(hops.toCommit, committed - decided);
                record(hops.toRelayed, relayed - committed);
                record(hops.toConsumed, consumed - relayed);
            }
        }, topics.userCreated(), topics.userCreationFailed(), prefix + "-%");
    }

    private static void record(Histogram histogram, long micros) {
        // The JVM's and PostgreSQL's clocks are the same clock, read microseconds apart.
        histogram.recordValue(Math.max(0, micros));
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    /** The worker's latency split into its hops, in microseconds. */
    static final class Hops {
        final Histogram toDecision = histogram();
        final Histogram toCommit = histogram();
        final Histogram toRelayed = histogram();
        final Histogram toConsumed = histogram();

        List<Map.Entry<String, Histogram>> named() {
            return List.of(
                    Map.entry("sent -> decided (producer, broker, poll)", toDecision),
                    Map.entry("decided -> committed (hash, write, commit)", toCommit),
                    Map.entry("committed -> relayed (outbox relay)", toRelayed),
                    Map.entry("relayed -> consumed (consumer)", toConsumed));
        }
    }

    /**
     * One rate's figures; CPU as cores of this JVM and of PostgreSQL; the STANDARD requests sent at
     * {@code standardBeside} per second beside the mix, if any, in {@code beside}.
     */
    record Result(int rate, Map<String, Integer> mix, int requests, Histogram worker, Histogram kafka, Hops hops,
                  double jvmCores, double postgresCores, int standardBeside, @Nullable Histogram beside) {
    }
}
