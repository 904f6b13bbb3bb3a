package dk.care.provisioning.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** The figures of one run and their ratios to the baselines, printed as tables. */
final class BenchmarkReport {

    final BenchmarkSettings settings;
    String databaseSettings = "";
    double argon2HashesPerSecond;
    double jdbcInsertsPerSecond;
    double jdbcEveryRowPerSecond;
    double kafkaPassThroughPerSecond;
    double workerPerSecond;
    double workerPerSecondSeeded;
    double jdbcInsertsPerSecondSeeded;
    long maxHeapBytes;
    long maxOutboxBacklog;
    long failures;
    double changesPerSecond;
    double changesPerSecondSeeded;
    long changeFailures;
    DrainCosts.@Nullable PerRequest drainCosts;
    DrainCosts.@Nullable PerRequest changeCosts;
    final List<FixedRateLatency.Result> latencies = new ArrayList<>();
    @Nullable Histogram oneHash;
    ConsolePath.@Nullable Result console;
    ProcessScaleOut.@Nullable Result scaleOut;

    BenchmarkReport(BenchmarkSettings settings) {
        this.settings = settings;
    }

    /** The rate the raw Argon2id baseline (c) allows for the mix's share of passwords; infinite without passwords. */
    double argon2AllowedRate() {
        double total = settings.mix().values().stream().mapToInt(Integer::intValue).sum();
        double standardShare = settings.mix().getOrDefault("standard", 0) / total;
        return standardShare == 0 ? Double.POSITIVE_INFINITY : argon2HashesPerSecond / standardShare;
    }

    String render() {
        double slowerBaseline = Math.min(kafkaPassThroughPerSecond, jdbcInsertsPerSecond);
        var out = new StringBuilder();
        out.append(String.format("%n== Benchmark: %,d requests, mix %s, %d partitions, %d worker instance(s), %,d users seeded ==%n",
                settings.requests(), settings.mix(), settings.partitions(), settings.instances(), settings.seededUsers()));
        out.append(String.format("PostgreSQL: %s (%s)%n", databaseSettings,
                settings.durable() ? "durable commits, -Dbench.durable=false for the old setting" : "NOT durable: -Dbench.durable=false"));
        if (!settings.workerArgs().isEmpty()) {
            out.append(String.format("worker arguments: %s%n", String.join(" ", settings.workerArgs())));
        }
        out.append(String.format("%-60s %12s%n", "figure", "value"));
        row(out, "worker throughput (backlog drained), req/s", workerPerSecond);
        row(out, "baseline (a) Kafka pass-through, rec/s", kafkaPassThroughPerSecond);
        row(out, "baseline (b) JDBC batch insert, users/s", jdbcInsertsPerSecond);
        row(out, "baseline (c) Argon2id on all cores, hashes/s", argon2HashesPerSecond);
        row(out, "  (b') JDBC batch insert of every row the worker writes", jdbcEveryRowPerSecond);
        row(out, "worker / slower of (a),(b)", workerPerSecond / slowerBaseline);
        row(out, "worker / (b')", workerPerSecond / jdbcEveryRowPerSecond);
        if (Double.isFinite(argon2AllowedRate())) {
            row(out, "rate (c) allows for the mix's passwords, req/s", argon2AllowedRate());
            row(out, "worker / that rate", workerPerSecond / argon2AllowedRate());
        }
        out.append(String.format("then changes of the users just created (mix %s), one per user, backlog drained:%n",
                settings.changeMix()));
        row(out, "  worker changes/s", changesPerSecond);
        row(out, "  worker creations/s (the drain above)", workerPerSecond);
        row(out, "  changes/s / creations/s", changesPerSecond / workerPerSecond);
        row(out, "  changes/s / (b')", changesPerSecond / jdbcEveryRowPerSecond);
        if (settings.seededUsers() > 0) {
            out.append(String.format("after seeding %,d users (COPY), the same drains again:%n", settings.seededUsers()));
            row(out, "  worker throughput, req/s", workerPerSecondSeeded);
            row(out, "  worker, seeded / empty", workerPerSecondSeeded / workerPerSecond);
            row(out, "  baseline (b) JDBC batch insert, users/s", jdbcInsertsPerSecondSeeded);
            row(out, "  baseline (b), seeded / empty", jdbcInsertsPerSecondSeeded / jdbcInsertsPerSecond);
            row(out, "  worker changes/s (half seeded users, half just created)", changesPerSecondSeeded);
            row(out, "  changes, seeded / empty (target >= 0.80)", changesPerSecondSeeded / changesPerSecond);
        }
        row(out, "rejected requests (must be 0)", failures);
        row(out, "rejected changes (must be 0)", changeFailures);
        row(out, "max heap used, MiB", maxHeapBytes / 1024.0 / 1024.0);
        row(out, "max outbox backlog (unsent rows)", maxOutboxBacklog);
        costs(out, "costs per request during the drain:", drainCosts);
        costs(out, "costs per change during the changes' drain (rows: those inserted, not those updated):",
                changeCosts);
        renderLatencies(out);
        renderScaleOut(out);
        return out.toString();
    }

    private static void costs(StringBuilder out, String title, DrainCosts.@Nullable PerRequest costs) {
        if (costs == null) {
            return;
        }
        out.append(title).append('\n');
        row(out, "  CPU of this JVM (worker, broker, load), ms", costs.jvmCpuMillis());
        row(out, "  CPU of PostgreSQL, ms", costs.postgresCpuMillis());
        row(out, "  rows inserted", costs.rows());
        row(out, "  WAL written, bytes", costs.walBytes());
        row(out, "  broker log appended, bytes", costs.brokerBytes());
        row(out, "  cores used: this JVM", costs.jvmCores());
        row(out, "  cores used: PostgreSQL", costs.postgresCores());
    }

    private void renderLatencies(StringBuilder out) {
        if (latencies.isEmpty()) {
            return;
        }
        out.append("latency at fixed rates, requestedAt -> outcome consumed, ms (p50 / p95 / p99 / max):\n");
        out.append(String.format("%-22s %-30s %-30s %10s %10s%n", "rate, mix", "worker", "(a) Kafka pass-through",
                "JVM cores", "PG cores"));
        for (FixedRateLatency.Result result : latencies) {
            out.append(String.format("%-22s %-30s %-30s %10.2f %10.2f%n", name(result),
                    percentiles(result.worker()), percentiles(result.kafka()), result.jvmCores(),
                    result.postgresCores()));
            if (result.beside() != null) {
                out.append(String.format("  %-20s %-30s%n", "STANDARD beside it", percentiles(result.beside())));
            }
        }
        if (oneHash != null) {
            out.append(String.format("%-22s %-30s (one thread, nothing else running in this JVM)%n",
                    "one Argon2id hash", percentiles(oneHash)));
        }
        if (console != null) {
            out.append(String.format("console, STANDARD: POST of the form -> outcome page showing the user, %d requests one at a time:%n",
                    console.requests()));
            out.append(String.format("  %-40s %s%n", "as a browser follows Refresh: 1", percentiles(console.page())));
            out.append(String.format("  %-40s %s%n", "POST -> decided (processed_at)", percentiles(console.decided())));
            out.append(String.format("  %-40s %s%n", "POST -> committed (commit timestamp)", percentiles(console.committed())));
        }
        out.append("the worker's hops, ms (p50 / p95 / p99 / max):\n");
        for (FixedRateLatency.Result result : latencies) {
            out.append(String.format("  at %s:%n", name(result)));
            for (Map.Entry<String, Histogram> hop : result.hops().named()) {
                out.append(String.format("    %-46s %s%n", hop.getKey(), percentiles(hop.getValue())));
            }
        }
    }

    private void renderScaleOut(StringBuilder out) {
        if (scaleOut == null) {
            return;
        }
        out.append(String.format("%d worker processes on %d partitions, same broker and database:%n",
                scaleOut.processes(), scaleOut.partitions()));
        row(out, "  throughput together, req/s", scaleOut.perSecond());
        long total = scaleOut.instances().stream().mapToLong(ProcessScaleOut.Instance::requests).sum();
        for (ProcessScaleOut.Instance instance : scaleOut.instances()) {
            out.append(String.format("  %-20s %,8d requests (%4.1f %%), %6.2f ms CPU per request%n", instance.name(),
                    instance.requests(), 100.0 * instance.requests() / Math.max(1, total),
                    instance.cpuMillis() / Math.max(1, instance.requests())));
        }
        row(out, "  cores used: PostgreSQL", scaleOut.postgresCores());
        row(out, "  cores used: broker and load generator (this JVM)", scaleOut.brokerJvmCores());
        row(out, "  rejected requests (must be 0)", scaleOut.failures());
    }

    private static String name(FixedRateLatency.Result result) {
        return result.rate() + "/s " + mix(result.mix())
                + (result.standardBeside() > 0 ? " +" + result.standardBeside() + "/s standard" : "");
    }

    private static String mix(Map<String, Integer> mix) {
        return mix.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b)
                .orElse("");
    }

    private static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format("%.0f / %.0f / %.0f / %.0f", histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    private static void row(StringBuilder out, String name, double value) {
        out.append(String.format("%-60s %12.2f%n", name, value));
    }
}
