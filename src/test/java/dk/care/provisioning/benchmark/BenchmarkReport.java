package dk.care.provisioning.benchmark;

import org.HdrHistogram.Histogram;

/** The figures of one run and their ratios to the baselines, printed as a table. */
final class BenchmarkReport {

    final BenchmarkSettings settings;
    double argon2HashesPerSecond;
    double jdbcInsertsPerSecond;
    double jdbcEveryRowPerSecond;
    double kafkaPassThroughPerSecond;
    double workerPerSecond;
    double workerPerSecondSeeded;
    double jdbcInsertsPerSecondSeeded;
    double cpuCoresUsed;
    long maxHeapBytes;
    long maxOutboxBacklog;
    long failures;
    Histogram latency;
    Histogram kafkaLatency;
    double cpuCoresUsedAtHalfRate;
    double[] relayDelayMillis;
    double meanCommittedMillis;

    BenchmarkReport(BenchmarkSettings settings) {
        this.settings = settings;
    }

    String render() {
        double slowerBaseline = Math.min(kafkaPassThroughPerSecond, jdbcInsertsPerSecond);
        var out = new StringBuilder();
        out.append(String.format("%n== Benchmark: %,d requests, mix %s, %d partitions, %d worker instance(s), %,d users seeded ==%n",
                settings.requests(), settings.mix(), settings.partitions(), settings.instances(), settings.seededUsers()));
        out.append(String.format("%-52s %12s%n", "figure", "value"));
        row(out, "worker throughput (backlog drained), req/s", workerPerSecond);
        row(out, "baseline (a) Kafka pass-through, rec/s", kafkaPassThroughPerSecond);
        row(out, "baseline (b) JDBC batch insert, users/s", jdbcInsertsPerSecond);
        row(out, "baseline (c) Argon2id on all cores, hashes/s", argon2HashesPerSecond);
        row(out, "  (b') JDBC batch insert of every row the worker writes", jdbcEveryRowPerSecond);
        row(out, "worker / slower of (a),(b)", workerPerSecond / slowerBaseline);
        row(out, "worker / (b')", workerPerSecond / jdbcEveryRowPerSecond);
        row(out, "worker / (c) (meaningful for an all-STANDARD mix)", workerPerSecond / argon2HashesPerSecond);
        if (settings.seededUsers() > 0) {
            out.append(String.format("after seeding %,d users (COPY), the same drain again:%n", settings.seededUsers()));
            row(out, "  worker throughput, req/s", workerPerSecondSeeded);
            row(out, "  worker, seeded / empty", workerPerSecondSeeded / workerPerSecond);
            row(out, "  baseline (b) JDBC batch insert, users/s", jdbcInsertsPerSecondSeeded);
            row(out, "  baseline (b), seeded / empty", jdbcInsertsPerSecondSeeded / jdbcInsertsPerSecond);
        }
        row(out, "rejected requests (must be 0)", failures);
        row(out, "CPU cores used during the drain (whole JVM)", cpuCoresUsed);
        row(out, "max heap used, MiB", maxHeapBytes / 1024.0 / 1024.0);
        row(out, "max outbox backlog (unsent rows)", maxOutboxBacklog);
        if (latency != null) {
            double drained = settings.seededUsers() > 0 ? workerPerSecondSeeded : workerPerSecond;
            out.append(String.format("latency at %.0f req/s (half the last drain rate), %,d requests, requestedAt -> outcome consumed:%n",
                    drained / 2, latency.getTotalCount()));
            out.append(String.format("%-52s %12s %12s%n", "", "worker", "(a) Kafka"));
            for (double p : new double[] {50, 95, 99}) {
                row(out, "  p" + (int) p + ", ms", latency.getValueAtPercentile(p) / 1000.0,
                        kafkaLatency.getValueAtPercentile(p) / 1000.0);
            }
            row(out, "  max, ms", latency.getMaxValue() / 1000.0, kafkaLatency.getMaxValue() / 1000.0);
            row(out, "  mean, ms", latency.getMean() / 1000.0, kafkaLatency.getMean() / 1000.0);
            row(out, "  of which requestedAt -> committed, mean ms", meanCommittedMillis);
            row(out, "  of which outbox relay delay p50, ms", relayDelayMillis[0]);
            row(out, "  of which outbox relay delay p99, ms", relayDelayMillis[1]);
            row(out, "  CPU cores used at this rate (whole JVM)", cpuCoresUsedAtHalfRate);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double value) {
        out.append(String.format("%-52s %12.2f%n", name, value));
    }

    private static void row(StringBuilder out, String name, double worker, double kafka) {
        out.append(String.format("%-52s %12.2f %12.2f%n", name, worker, kafka));
    }
}
