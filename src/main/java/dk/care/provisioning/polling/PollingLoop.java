package dk.care.provisioning.polling;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One background thread that works in rounds: the next round at once while there is more to do, after
 * a rest of the poll interval when the work ran out (cut short by {@link #wakeUp()}), and after a
 * back-off of 200 ms doubling up to a maximum while rounds fail or make no progress, so that an outage
 * of the database or the broker is neither hammered nor waited out longer than the maximum.
 */
public final class PollingLoop {

    private static final long FIRST_BACKOFF_MILLIS = 200;

    private final String threadName;
    private final String subject;
    private final Logger log;
    private final Duration pollInterval;
    private final ExponentialBackOff backOff;
    private final Round round;
    private final Pause pause;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    /**
     * @param subject what the loop does, as the start of its log lines ("Outbox relay")
     * @param log the owner's logger, so the lines name the owner
     */
    public PollingLoop(String threadName, String subject, Logger log, Duration pollInterval, Duration maxBackoff,
                       Round round) {
        this(threadName, subject, log, pollInterval, maxBackoff, round, null);
    }

    PollingLoop(String threadName, String subject, Logger log, Duration pollInterval, Duration maxBackoff, Round round,
                @Nullable Pause pause) {
        this.threadName = threadName;
        this.subject = subject;
        this.log = log;
        this.pollInterval = pollInterval;
        this.backOff = new ExponentialBackOff(FIRST_BACKOFF_MILLIS, 2.0);
        this.backOff.setMaxInterval(maxBackoff.toMillis());
        this.round = round;
        this.pause = pause == null ? this::awaitWakeUp : pause;
    }

    /** Ends the current rest or back-off now, e.g. because new work was committed. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    public void start() {
        wakeUps.drainPermits();
        running = true;
        thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
    }

    /** Lets the round in flight finish, waiting for it at most {@code timeout}. */
    public void stop(Duration timeout) {
        running = false;
        wakeUps.release();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    void run() {
        BackOffExecution backingOff = null;
        while (running) {
            Next next = attempt();
            try {
                switch (next) {
                    case Next.BackOff stalled -> {
                        backingOff = backingOff == null ? backOff.start() : backingOff;
                        Duration delay = Duration.ofMillis(backingOff.nextBackOff());
                        log.warn("{} {}, retrying in {}: {}", subject, stalled.what(), delay, stalled.why());
                        pause.pause(delay);
                    }
                    case Next.Rest rest -> {
                        backingOff = null;
                        pause.pause(pollInterval);
                        wakeUps.drainPermits();
                    }
                    case Next.Again again -> backingOff = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Next attempt() {
        try {
            return round.run();
        } catch (RuntimeException e) {
            return Next.backOff("failed", e.toString());
        }
    }

    private void awaitWakeUp(Duration duration) throws InterruptedException {
        wakeUps.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round of work; an exception backs off like {@link Next.BackOff}. */
    @FunctionalInterface
    public interface Round {
        Next run();
    }

    /** What the loop does after a round. */
    public sealed interface Next {

        /** There may be more: the next round at once. */
        Next AGAIN = new Again();

        /** The work ran out: the next round after the poll interval or a wake-up. */
        Next REST = new Rest();

        /** The round made no progress for a reason that may pass: the next round after the back-off. */
        static Next backOff(String what, String why) {
            return new BackOff(what, why);
        }

        record Again() implements Next {
        }

        record Rest() implements Next {
        }

        record BackOff(String what, String why) implements Next {
        }
    }

    /** How the loop waits; replaced in tests so they see the waits without sleeping through them. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }
}
