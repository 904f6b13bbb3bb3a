package dk.care.provisioning.invitation.sms;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;

/**
 * A provider behind its rate limit and circuit breaker. Only transient failures count against the
 * breaker: a refused message says nothing about the provider's health. Calls the breaker or the
 * limiter did not let through are "not attempted" and cost the invitation no attempt.
 */
public final class GuardedProvider {

    private final SmsProvider provider;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;

    GuardedProvider(SmsProvider provider, ProviderSettings settings, Duration maxWaitForPermit) {
        this.provider = provider;
        this.rateLimiter = RateLimiter.of("sms-" + provider.name(), RateLimiterConfig.custom()
                .limitForPeriod(settings.ratePerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(maxWaitForPermit)
                .build());
        this.circuitBreaker = CircuitBreaker.of("sms-" + provider.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(settings.minimumCalls(), 10))
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(DeliveryException.Transient.class)
                .build());
    }

    /** Names the provider in attempt records and metrics. */
    public String name() {
        return provider.name();
    }

    /** Whether the breaker currently refuses every call, so there is no point in claiming work. */
    public boolean circuitOpen() {
        return circuitBreaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** Sends one SMS, if the rate limit and the breaker let it through; never throws. */
    public Outcome send(Sms sms) {
        try {
            RateLimiter.waitForPermission(rateLimiter);
            circuitBreaker.executeRunnable(() -> provider.send(sms));
            return new Outcome.Sent();
        } catch (RequestNotPermitted e) {
            return new Outcome.NotAttempted("rate limit");
        } catch (CallNotPermittedException e) {
            return new Outcome.NotAttempted("circuit open");
        } catch (DeliveryException.Transient e) {
            return new Outcome.Transient(e.getMessage());
        } catch (DeliveryException.Permanent e) {
            return new Outcome.Permanent(e.getMessage());
        } catch (RuntimeException e) {
            // A provider bug must not stop the dispatcher; it is retried like an outage.
            return new Outcome.Transient(e.getClass().getSimpleName());
        }
    }

    /** How one send ended. */
    public sealed interface Outcome {
        record Sent() implements Outcome {
        }

        record Transient(String detail) implements Outcome {
        }

        record Permanent(String detail) implements Outcome {
        }

        record NotAttempted(String reason) implements Outcome {
        }
    }
}
