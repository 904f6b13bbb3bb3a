package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.web.AttemptLimiter.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void allowsTheLimitThenRefusesMarkingOnlyTheFirstRefusal() {
        var limiter = new AttemptLimiter(3, Duration.ofMinutes(15), 1_000, clock);

        assertThat(List.of(limiter.tryAcquire("anna"), limiter.tryAcquire("anna"), limiter.tryAcquire("anna"),
                limiter.tryAcquire("anna"), limiter.tryAcquire("anna")))
                .containsExactly(Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED, Decision.REFUSED_FIRST,
                        Decision.REFUSED);
        assertThat(limiter.tryAcquire("bo")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void allowsTellsWhetherAnAttemptIsLeftWithoutTakingOne() {
        var limiter = new AttemptLimiter(2, Duration.ofMinutes(10), 1_000, clock);

        assertThat(limiter.allows("10.0.0.1")).isTrue();
        limiter.tryAcquire("10.0.0.1");
        assertThat(limiter.allows("10.0.0.1")).isTrue();
        assertThat(limiter.allows("10.0.0.1")).as("asking takes nothing").isTrue();
        limiter.tryAcquire("10.0.0.1");
        assertThat(limiter.allows("10.0.0.1")).isFalse();
        assertThat(limiter.allows("10.0.0.2")).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(5)));

        assertThat(limiter.allows("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void givesOneAttemptBackPerWindowDividedByTheLimitAndTheWholeBudgetAfterAQuietWindow() {
        var limiter = new AttemptLimiter(3, Duration.ofMinutes(15), 1_000, clock);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("anna");
        }

        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(limiter.tryAcquire("anna")).isEqualTo(Decision.REFUSED_FIRST);
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(limiter.tryAcquire("anna")).isEqualTo(Decision.ALLOWED);
        assertThat(limiter.tryAcquire("anna")).isEqualTo(Decision.REFUSED_FIRST);

        now.set(now.get().plus(Duration.ofMinutes(15)));
        assertThat(List.of(limiter.tryAcquire("anna"), limiter.tryAcquire("anna"), limiter.tryAcquire("anna"),
                limiter.tryAcquire("anna")))
                .containsExactly(Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED, Decision.REFUSED_FIRST);
    }

    @Test
    void refusedAttemptsDoNotPostponeTheRefill() {
        var limiter = new AttemptLimiter(1, Duration.ofMinutes(10), 1_000, clock);
        limiter.tryAcquire("anna");
        for (int minute = 1; minute < 10; minute++) {
            now.set(now.get().plus(Duration.ofMinutes(1)));
            assertThat(limiter.tryAcquire("anna").allowed()).isFalse();
        }
        now.set(now.get().plus(Duration.ofMinutes(1)));

        assertThat(limiter.tryAcquire("anna")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfBucketsUnderAFloodOfNewKeys() {
        var limiter = new AttemptLimiter(3, Duration.ofMinutes(15), 100, clock);

        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("user-" + i);
        }

        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
    }

    @Test
    void forgetsAKeyAfterAQuietWindow() {
        var limiter = new AttemptLimiter(3, Duration.ofMinutes(15), 100, clock);
        limiter.tryAcquire("anna");

        now.set(now.get().plus(Duration.ofMinutes(16)));

        assertThat(limiter.trackedKeys()).isZero();
    }

    @Test
    void allowsExactlyTheLimitAmongParallelAttempts() throws Exception {
        var limiter = new AttemptLimiter(10, Duration.ofMinutes(15), 100, clock);
        List<Future<Decision>> decisions = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                decisions.add(threads.submit(() -> limiter.tryAcquire("demo-admin")));
            }
        }
        List<Decision> all = new ArrayList<>();
        for (Future<Decision> decision : decisions) {
            all.add(decision.get());
        }

        assertThat(all).filteredOn(Decision::allowed).hasSize(10);
        assertThat(all).filteredOn(decision -> decision == Decision.REFUSED_FIRST).hasSize(1);
    }
}
