package dk.care.provisioning.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * End-to-end latency of a request, from the sender's {@code requestedAt} to its outcome committed,
 * as a histogram: it includes the time spent waiting in the topic, which the per-record
 * processing time ({@code spring.kafka.listener}) does not.
 */
@Component
class RequestLatency {

    static final String NAME = "provisioning.request.latency";

    private final Timer timer;
    private final Clock clock;

    RequestLatency(MeterRegistry registry, Clock clock) {
        this.timer = Timer.builder(NAME)
                .description("From the request's requestedAt to its outcome committed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.clock = clock;
    }

    void completed(@Nullable Instant requestedAt) {
        if (requestedAt == null) {
            return;
        }
        Duration latency = Duration.between(requestedAt, Instant.now(clock));
        // A sender's clock ahead of ours must not produce a negative sample.
        timer.record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
