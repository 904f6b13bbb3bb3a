package dk.care.provisioning.benchmark;

import dk.care.provisioning.dev.EmbeddedKafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What requests cost the parts a capacity model is built from, measured around a drain: CPU of this
 * JVM (worker, broker and load generator) and of PostgreSQL's processes, rows inserted and WAL
 * written by the database, bytes appended to the broker's logs.
 */
final class DrainCosts {

    /** Every table a request can add rows to. */
    private static final List<String> TABLES = List.of("app_user", "password_credential", "mitid_identity",
            "invitation", "invitation_attempt", "processed_request", "request_violation", "outbox_message",
            "audit_entry");

    private final JdbcTemplate jdbc;
    private final Path brokerLogs;
    private final Snapshot before;

    private DrainCosts(DataSource dataSource, EmbeddedKafkaServer broker) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.brokerLogs = broker.logDir();
        this.before = snapshot();
    }

    /** Starts measuring: the counters as they are now. */
    static DrainCosts start(DataSource dataSource, EmbeddedKafkaServer broker) {
        return new DrainCosts(dataSource, broker);
    }

    /** The durability settings the database really runs with, as PostgreSQL reports them. */
    static String databaseSettings(DataSource dataSource) {
        var jdbc = new JdbcTemplate(dataSource);
        return Stream.of("synchronous_commit", "fsync", "wal_level", "shared_buffers")
                .map(name -> name + "=" + jdbc.queryForObject("select current_setting(?)", String.class, name))
                .reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    /** The costs since {@link #start}, per request of the {@code requests} handled in between. */
    PerRequest perRequest(int requests) {
        Snapshot after = snapshot();
        double wallSeconds = (after.nanos - before.nanos) / 1e9;
        return new PerRequest(
                (after.jvmCpuNanos - before.jvmCpuNanos) / 1e6 / requests,
                (after.postgresCpuNanos - before.postgresCpuNanos) / 1e6 / requests,
                (after.rows - before.rows) / (double) requests,
                (after.walBytes - before.walBytes) / (double) requests,
                (after.brokerBytes - before.brokerBytes) / (double) requests,
                (after.jvmCpuNanos - before.jvmCpuNanos) / 1e9 / wallSeconds,
                (after.postgresCpuNanos - before.postgresCpuNanos) / 1e9 / wallSeconds);
    }

    private Snapshot snapshot() {
        long rows = 0;
        for (String table : TABLES) {
            Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
            rows += count == null ? 0 : count;
        }
        Long wal = jdbc.queryForObject("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", Long.class);
        return new Snapshot(System.nanoTime(), Benchmark.processCpuNanos(), postgresCpuNanos(), rows,
                wal == null ? 0 : wal, directoryBytes(brokerLogs));
    }

    /** CPU of every PostgreSQL process on this machine: the embedded server and its backends. */
    static long postgresCpuNanos() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    private static long directoryBytes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            // Only the logs: index files are preallocated to their maximum size.
            return files.filter(file -> file.toString().endsWith(".log") && Files.isRegularFile(file)).mapToLong(file -> {
                try {
                    return Files.size(file);
                }
                catch (IOException ex) {
                    return 0; // a segment deleted or rolled while walking
                }
            }).sum();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Snapshot(long nanos, long jvmCpuNanos, long postgresCpuNanos, long rows, long walBytes,
                            long brokerBytes) {
    }

    /** Per request: CPU milliseconds, rows inserted, WAL and broker log bytes; and the cores used meanwhile. */
    record PerRequest(double jvmCpuMillis, double postgresCpuMillis, double rows, double walBytes, double brokerBytes,
                      double jvmCores, double postgresCores) {
    }
}
