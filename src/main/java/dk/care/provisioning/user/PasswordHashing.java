package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Argon2id on every core, for all listener threads together: a batch's passwords are hashed at
 * once instead of one after another, and never more of them at a time than the threads, so that
 * memory stays bounded however many batches are decided in parallel.
 */
final class PasswordHashing implements AutoCloseable {

    /** Of the JVM's maximum heap, the share that hashes in progress may take. */
    private static final int HEAP_SHARE_DIVISOR = 4;

    private final Function<Secret, String> hash;
    private final ExecutorService pool;

    PasswordHashing(Function<Secret, String> hash, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one hashing thread, not " + threads);
        }
        this.hash = hash;
        var counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> Thread.ofPlatform().daemon()
                .name("argon2id-" + counter.incrementAndGet()).unstarted(task));
    }

    /**
     * The configured number of threads, or else one per core, as far as a quarter of the heap holds
     * their memory: each hash in progress takes Argon2id's whole memory cost.
     */
    static int threadsFor(int configured, int cores, long maxHeapBytes, int memoryKibPerHash) {
        if (configured > 0) {
            return configured;
        }
        long fitting = maxHeapBytes / HEAP_SHARE_DIVISOR / (memoryKibPerHash * 1024L);
        return (int) Math.max(1, Math.min(cores, fitting));
    }

    /** Starts hashing {@code password}; the result is the PHC string. */
    CompletableFuture<String> hash(Secret password) {
        return CompletableFuture.supplyAsync(() -> hash.apply(password), pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
