package dk.care.provisioning.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A few hundred requests through the whole benchmark, so that a change that breaks it shows before a
 * long run; its figures mean nothing. A measurement's tool, so it runs with them ({@code -Pbenchmark}).
 */
@Tag("benchmark")
class BenchmarkSmokeTest {

    @Test
    void runsEveryPhaseAndEveryRequestGetsItsOutcome() throws Exception {
        var settings = new BenchmarkSettings(200, Map.of("phone", 70, "mitid", 20, "standard", 10), 100,
                Map.of("move", 60, "contact", 20, "deactivate", 20), 3, 1, 1_000, 1,
                true, List.of(20), Map.of("phone", 80, "mitid", 20), List.of(5), 20, 5, 2, 1, 1, 1, List.of());
        BenchmarkReport report = new Benchmark(settings).run();
        System.out.println(report.render());

        assertThat(report.failures).isZero();
        assertThat(report.changeFailures).as("every change of the mix accepted, seeded users' too").isZero();
        assertThat(report.changesPerSecond).isPositive();
        assertThat(report.changesPerSecondSeeded).isPositive();
        assertThat(report.changeCosts.rows()).as("at least the idempotency, outcome, users-topic and audit rows")
                .isGreaterThanOrEqualTo(4);
        assertThat(report.changeCosts.walBytes()).isPositive();
        assertThat(report.databaseSettings).contains("synchronous_commit=on", "fsync=on");
        assertThat(report.workerPerSecond).isPositive();
        assertThat(report.workerPerSecondSeeded).isPositive();
        assertThat(report.jdbcEveryRowPerSecond).isPositive();
        assertThat(report.kafkaPassThroughPerSecond).isPositive();
        assertThat(report.jdbcInsertsPerSecond).isPositive();
        assertThat(report.argon2HashesPerSecond).isPositive();
        assertThat(report.drainCosts.rows()).as("at least the user, idempotency, outbox and audit rows").isGreaterThan(4);
        assertThat(report.drainCosts.walBytes()).isPositive();
        assertThat(report.drainCosts.brokerBytes()).isPositive();
        assertThat(report.latencies).hasSize(3).allSatisfy(rate -> {
            assertThat(rate.worker().getTotalCount()).isEqualTo(20);
            assertThat(rate.kafka().getTotalCount()).isEqualTo(20);
            assertThat(rate.hops().toCommit.getTotalCount()).as("every request split into its hops").isEqualTo(20);
        });
        assertThat(report.latencies.get(1).beside()).as("STANDARD beside phone/MitID at 20/s")
                .satisfies(beside -> assertThat(beside.getTotalCount()).isPositive());
        assertThat(report.oneHash.getTotalCount()).isPositive();
        assertThat(report.console.page().getTotalCount()).isEqualTo(2);
        assertThat(report.scaleOut.failures()).isZero();
        assertThat(report.scaleOut.instances()).singleElement()
                .satisfies(instance -> assertThat(instance.requests()).isEqualTo(200));
        assertThat(report.render()).contains("worker / slower of (a),(b)", "the worker's hops", "worker processes",
                "STANDARD beside it", "one Argon2id hash", "console", "changes/s / (b')", "changes, seeded / empty");
    }
}
