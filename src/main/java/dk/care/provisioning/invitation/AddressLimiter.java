package dk.care.provisioning.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} redemption requests per client address per fixed window, counted per
 * instance. The map is dropped at each window's end, so it holds at most one window's addresses.
 */
final class AddressLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private volatile Window current;

    AddressLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.current = new Window(Instant.now(clock).plus(window));
    }

    /** Counts a request from {@code address}; false once the address has used up its window. */
    boolean tryAcquire(String address) {
        Window window = currentWindow();
        return window.counts.computeIfAbsent(address, ignored -> new AtomicInteger()).incrementAndGet() <= limit;
    }

    private Window currentWindow() {
        Window window = current;
        Instant now = Instant.now(clock);
        if (!now.isBefore(window.end)) {
            synchronized (this) {
                if (current == window) {
                    current = new Window(now.plus(this.window));
                }
                window = current;
            }
        }
        return window;
    }

    private static final class Window {
        final Instant end;
        final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        Window(Instant end) {
            this.end = end;
        }
    }
}
