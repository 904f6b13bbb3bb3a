package dk.care.provisioning.invitation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} counted events per client address per window, counted per instance. An
 * address's window starts with its first event; at most {@code maxAddresses} addresses are tracked,
 * so a flood of addresses cannot exhaust the heap — it can only push out the counts of others,
 * which start afresh (that is the price of the bound; an attacker with that many addresses has
 * that many budgets anyway).
 */
final class AddressLimiter {

    private final int limit;
    private final Cache<String, AtomicInteger> counts;

    AddressLimiter(int limit, Duration window, int maxAddresses, Clock clock) {
        this.limit = limit;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.counts = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterWrite(window)
                .ticker(ticker)
                // Eviction work on the caller's thread: no background task, and tests see it at once.
                .executor(Runnable::run)
                .build();
    }

    /** Counts an event from {@code address}; false once the address has used up its window. */
    boolean tryAcquire(String address) {
        return counter(address).incrementAndGet() <= limit;
    }

    /** Whether {@code address} may still have an event counted in its current window; counts nothing. */
    boolean allows(String address) {
        AtomicInteger count = counts.getIfPresent(address);
        return count == null || count.get() < limit;
    }

    /** Addresses tracked now, after pending evictions. */
    long trackedAddresses() {
        counts.cleanUp();
        return counts.estimatedSize();
    }

    private AtomicInteger counter(String address) {
        return counts.get(address, ignored -> new AtomicInteger());
    }
}
