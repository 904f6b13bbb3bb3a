package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AddressLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void allowsTheLimitPerAddressPerWindowThenAgainInTheNextWindow() {
        var limiter = new AddressLimiter(3, Duration.ofMinutes(10), 1_000, clock);

        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.allows("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        assertThat(limiter.allows("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();

        now.set(now.get().plus(Duration.ofMinutes(10)));

        assertThat(limiter.allows("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }

    @Test
    void tracksAtMostTheConfiguredNumberOfAddressesUnderAFloodOfNewOnes() {
        var limiter = new AddressLimiter(3, Duration.ofMinutes(10), 100, clock);

        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("2001:db8::" + Integer.toHexString(i));
        }

        assertThat(limiter.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    @Test
    void forgetsAnAddressWhenItsWindowHasPassed() {
        var limiter = new AddressLimiter(3, Duration.ofMinutes(10), 100, clock);
        limiter.tryAcquire("10.0.0.1");

        now.set(now.get().plus(Duration.ofMinutes(11)));

        assertThat(limiter.trackedAddresses()).isZero();
    }
}
