package dk.care.provisioning.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A few hundred requests through the whole benchmark, so that it cannot rot; its figures mean nothing. */
class BenchmarkSmokeTest {

    @Test
    void runsEveryPhaseAndEveryRequestGetsItsOutcome() throws Exception {
        var settings = new BenchmarkSettings(200, Map.of("phone", 70, "mitid", 20, "standard", 10), 3, 1, 1_000, 20, 1);
        BenchmarkReport report = new Benchmark(settings).run();
        System.out.println(report.render());

        assertThat(report.failures).isZero();
        assertThat(report.workerPerSecond).isPositive();
        assertThat(report.workerPerSecondSeeded).isPositive();
        assertThat(report.jdbcEveryRowPerSecond).isPositive();
        assertThat(report.kafkaPassThroughPerSecond).isPositive();
        assertThat(report.jdbcInsertsPerSecond).isPositive();
        assertThat(report.argon2HashesPerSecond).isPositive();
        assertThat(report.latency.getTotalCount()).isEqualTo(20);
        assertThat(report.kafkaLatency.getTotalCount()).isEqualTo(20);
        assertThat(report.render()).contains("worker / slower of (a),(b)");
    }
}
