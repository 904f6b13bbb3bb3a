package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.security.Secret;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private static final int OWASP_KIB = 19_456;
    private static final long GIB = 1L << 30;

    @Test
    void hashesOnAllItsThreadsAtOnceButNeverOnMore() throws Exception {
        var running = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        var threeStarted = new CountDownLatch(3);
        var release = new CountDownLatch(1);
        try (var hashing = new PasswordHashing(password -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            threeStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return "hash of " + password.reveal();
        }, 3)) {
            List<CompletableFuture<String>> hashes = IntStream.range(0, 8)
                    .mapToObj(i -> hashing.hash(Secret.of("password " + i))).toList();

            assertThat(threeStarted.await(10, TimeUnit.SECONDS)).as("three hashes in progress at once").isTrue();
            release.countDown();

            assertThat(hashes.stream().map(CompletableFuture::join))
                    .containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(i -> "hash of password " + i).toList());
            assertThat(mostAtOnce).hasValue(3);
        }
    }

    @Test
    void takesOneThreadPerCoreAsFarAsAQuarterOfTheHeapHoldsTheirMemory() {
        assertThat(PasswordHashing.threadsFor(0, 2, GIB, OWASP_KIB)).isEqualTo(2);
        assertThat(PasswordHashing.threadsFor(0, 16, GIB / 4, OWASP_KIB)).isEqualTo(3);
        assertThat(PasswordHashing.threadsFor(0, 4, 64L << 20, OWASP_KIB)).isOne();
        assertThat(PasswordHashing.threadsFor(5, 2, GIB, OWASP_KIB)).isEqualTo(5);
    }
}
