package dk.care.provisioning.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one limiter of attempts, for every feature that limits them (sign-ins per address and account,
 * redemption requests per address, wrong admin tokens per address): a token bucket per key (a client
 * address, an account): {@code limit} attempts at once, refilled at
 * {@code limit} per {@code window}, so a key that has used its budget gets one attempt back every
 * {@code window / limit} and the whole budget after a quiet {@code window}. At most {@code maxKeys}
 * buckets are kept (the least recently used go first), so a flood of distinct usernames or addresses
 * costs bounded memory; a bucket pushed out starts full again, which is the price of the bound.
 */
public final class AttemptLimiter {

    /** What an attempt came to: allowed, or refused — the first refusal since the key's last allowed attempt marked. */
    public enum Decision {
        ALLOWED, REFUSED_FIRST, REFUSED;

        /** Whether the attempt may go ahead. */
        public boolean allowed() {
            return this == ALLOWED;
        }
    }

    private final long nanosPerAttempt;
    private final long capacity;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public AttemptLimiter(int limit, Duration window, int maxKeys, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("limit, window and maxKeys must be positive");
        }
        this.nanosPerAttempt = window.toNanos() / limit;
        this.capacity = nanosPerAttempt * limit;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                // A bucket untouched for a window is full again: forgetting it changes nothing.
                .expireAfterAccess(window)
                .ticker(this::nanos)
                // Eviction work on the caller's thread: no background task, and tests see it at once.
                .executor(Runnable::run)
                .build();
    }

    /** Takes one attempt from {@code key}'s budget, if any is left. */
    public Decision tryAcquire(String key) {
        long now = nanos();
        return buckets.get(key, ignored -> new Bucket(capacity, now)).take(now, capacity, nanosPerAttempt);
    }

    /** Whether {@code key} has an attempt left now; takes none (to count only failures, after the fact). */
    public boolean allows(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null || bucket.has(nanos(), capacity, nanosPerAttempt);
    }

    /** Buckets kept now, after pending evictions. */
    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private long nanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    /**
     * The budget left at the last update, in nanoseconds of refill (exact, unlike fractions of an
     * attempt); a refusal since the last allowed attempt is remembered.
     */
    private static final class Bucket {
        private long credit;
        private long updatedAt;
        private boolean refused;

        Bucket(long credit, long now) {
            this.credit = credit;
            this.updatedAt = now;
        }

        synchronized boolean has(long now, long capacity, long cost) {
            return Math.min(capacity, credit + Math.max(0, now - updatedAt)) >= cost;
        }

        synchronized Decision take(long now, long capacity, long cost) {
            credit = Math.min(capacity, credit + Math.max(0, now - updatedAt));
            updatedAt = Math.max(updatedAt, now);
            if (credit >= cost) {
                credit -= cost;
                refused = false;
                return Decision.ALLOWED;
            }
            boolean first = !refused;
            refused = true;
            return first ? Decision.REFUSED_FIRST : Decision.REFUSED;
        }
    }
}
