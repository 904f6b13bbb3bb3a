package dk.care.provisioning.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.polling.PollingLoop.Next;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class PollingLoopTest {

    private static final Logger log = LoggerFactory.getLogger(PollingLoopTest.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Supplier<Next> FAIL = () -> {
        throw new IllegalStateException("database away");
    };

    @Test
    void goesStraightOnWhileThereIsMoreAndRestsThePollIntervalWhenTheWorkRanOut() throws Exception {
        assertThat(pausesOf(Duration.ofSeconds(1), () -> Next.AGAIN, () -> Next.AGAIN, () -> Next.REST,
                () -> Next.AGAIN, () -> Next.REST))
                .containsExactly(POLL, POLL);
    }

    @Test
    void backsOffDoublingFrom200MillisUpToTheMaximumAndStartsOverAfterARoundThatGotSomewhere() throws Exception {
        assertThat(pausesOf(Duration.ofSeconds(1), FAIL, () -> Next.backOff("published none of 3 events", "timeout"),
                FAIL, FAIL, FAIL, () -> Next.AGAIN, FAIL, () -> Next.REST))
                .containsExactly(ms(200), ms(400), ms(800), ms(1000), ms(1000), ms(200), POLL);
    }

    @Test
    void aMaximumBelowTheFirstBackOffIsTheBackOff() throws Exception {
        assertThat(pausesOf(Duration.ofMillis(50), FAIL, FAIL, () -> Next.REST)).containsExactly(ms(50), ms(50), POLL);
    }

    @Test
    void aWakeUpEndsTheRestAndStopEndsTheLoopWithoutWaitingItOut() throws Exception {
        BlockingQueue<Long> rounds = new LinkedBlockingQueue<>();
        PollingLoop loop = new PollingLoop("test-loop", "Test loop", log, Duration.ofMinutes(1), Duration.ofMinutes(1),
                () -> {
                    rounds.add(System.nanoTime());
                    return Next.REST;
                });
        loop.start();
        try {
            assertThat(rounds.poll(10, TimeUnit.SECONDS)).as("first round").isNotNull();
            long wokenAt = System.nanoTime();
            loop.wakeUp();
            Long second = rounds.poll(10, TimeUnit.SECONDS);
            assertThat(second).as("a round soon after the wake-up, not after the minute's rest").isNotNull();
            assertThat(Duration.ofNanos(second - wokenAt)).isLessThan(Duration.ofSeconds(10));
        } finally {
            long stopping = System.nanoTime();
            loop.stop(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(loop.isRunning()).isFalse();
        rounds.clear();
        assertThat(rounds.poll(300, TimeUnit.MILLISECONDS)).as("no round after stop").isNull();

        loop.start();
        try {
            assertThat(rounds.poll(10, TimeUnit.SECONDS)).as("a round after a restart").isNotNull();
        } finally {
            loop.stop(Duration.ofSeconds(30));
        }
    }

    /** Runs the rounds in order on the loop's thread and returns every wait the loop asked for. */
    @SafeVarargs
    private static List<Duration> pausesOf(Duration maxBackoff, Supplier<Next>... script) throws InterruptedException {
        Deque<Supplier<Next>> rounds = new ArrayDeque<>(List.of(script));
        List<Duration> pauses = new ArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        PollingLoop loop = new PollingLoop("test-loop", "Test loop", log, POLL, maxBackoff,
                () -> rounds.removeFirst().get(), duration -> {
                    pauses.add(duration);
                    if (rounds.isEmpty()) {
                        ended.countDown();
                        throw new InterruptedException("script done");
                    }
                });
        loop.start();
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the script ran to its end").isTrue();
        loop.stop(Duration.ofSeconds(10));
        assertThat(rounds).isEmpty();
        return pauses;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
