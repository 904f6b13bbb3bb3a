package dk.care.provisioning.console;

import dk.care.provisioning.web.AttemptLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard's bound on verifications at once: beyond it an attempt waits briefly, then gets 503 without a hash. */
class SignInGuardTest {

    private final SignInProperties properties = new SignInProperties(1_000, 1_000, Duration.ofMinutes(15), 1_000, 2,
            Duration.ofMillis(200));

    @Test
    void aSignInBeyondTheConcurrentVerificationsWaitsBrieflyThenGets503AndNeverReachesTheHash() throws Exception {
        var guard = new SignInGuard(limiter(), limiter(), properties, null);
        var release = new CountDownLatch(1);
        var running = new CountDownLatch(2);
        AtomicInteger hashed = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = threads.submit(() -> signIn(guard, "anna", () -> {
                hashed.incrementAndGet();
                running.countDown();
                await(release);
            }));
            Future<?> second = threads.submit(() -> signIn(guard, "bo", () -> {
                hashed.incrementAndGet();
                running.countDown();
                await(release);
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(guard.verificationsRunning()).isEqualTo(2);

            MockHttpServletResponse third = signIn(guard, "carl", hashed::incrementAndGet);

            assertThat(third.getStatus()).isEqualTo(503);
            assertThat(third.getHeader("Retry-After")).isEqualTo("1");
            assertThat(third.getForwardedUrl()).isEqualTo(SignInGuard.REFUSED_PATH);
            assertThat(hashed).hasValue(2);
            release.countDown();
            first.get();
            second.get();
        }
        assertThat(guard.verificationsRunning()).isZero();
        assertThat(signIn(guard, "carl", hashed::incrementAndGet).getStatus()).isEqualTo(200);
        assertThat(hashed).hasValue(3);
    }

    @Test
    void onlyThePostedSignInFormIsGuarded() throws Exception {
        var guard = new SignInGuard(limiter(), limiter(), properties, null);
        var page = new MockHttpServletRequest("GET", "/console/login");
        page.setServletPath("/console/login");

        assertThat(guard.shouldNotFilter(page)).isTrue();
        assertThat(guard.shouldNotFilter(post("anna"))).isFalse();
    }

    @Test
    void anAccountIsCountedWhateverItsCaseAndSurroundingSpace() {
        assertThat(SignInGuard.accountKey("  Demo-Admin ")).isEqualTo("demo-admin");
        assertThat(SignInGuard.accountKey(null)).isEmpty();
        assertThat(SignInGuard.accountKey("x".repeat(10_000))).hasSize(100);
    }

    private AttemptLimiter limiter() {
        return new AttemptLimiter(1_000, Duration.ofMinutes(15), 1_000, Clock.systemUTC());
    }

    private static MockHttpServletResponse signIn(SignInGuard guard, String username, Runnable hash) {
        var response = new MockHttpServletResponse();
        try {
            guard.doFilter(post(username), response, new MockFilterChain() {
                @Override
                public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse answer) {
                    hash.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static MockHttpServletRequest post(String username) {
        var request = new MockHttpServletRequest("POST", "/console/login");
        request.setServletPath("/console/login");
        request.setRemoteAddr("10.0.0.1");
        request.setParameter("username", username);
        return request;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
