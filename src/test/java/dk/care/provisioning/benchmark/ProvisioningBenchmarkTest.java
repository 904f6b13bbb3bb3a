package dk.care.provisioning.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark: {@code ./mvnw -Pbenchmark test} (settings in {@link BenchmarkSettings} and
 * docs/performance.md). It prints its figures; the only assertion is that every request got its
 * outcome — speed is reported, never asserted.
 */
@Tag("benchmark")
class ProvisioningBenchmarkTest {

    @Test
    void measuresTheWorkerAgainstItsBaselines() throws Exception {
        BenchmarkReport report = new Benchmark(BenchmarkSettings.fromSystemProperties(20_000)).run();
        System.out.println(report.render());
        assertThat(report.failures).isZero();
    }
}
