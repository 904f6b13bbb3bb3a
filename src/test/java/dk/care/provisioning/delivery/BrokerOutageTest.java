package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.UserCreated;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/design.md §5 "transient faults wait, they do not fail", for the broker: the only Kafka broker stops
 * while requests stream in, and comes back on the same port with its data. The worker, a separate
 * process that is never restarted, reports the outage in health, resumes by itself, and ends with
 * exactly one outcome per request.
 */
@Execution(ExecutionMode.CONCURRENT)
class BrokerOutageTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageTest.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REQUESTS_PER_SECOND = 20;
    private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);
    /** A request answered this long after it was due is still behind the outage. */
    private static final Duration CAUGHT_UP = Duration.ofSeconds(5);

    @Test
    void workerReportsABrokerOutageInHealthResumesWithoutARestartAndLosesNothing() throws Exception {
        try (var infrastructure = new StandaloneInfrastructure(Path.of("target", "broker-outage-test"));
             OutcomeConsumer outcomes = infrastructure.outcomes()) {
            WorkerProcess worker = infrastructure.startWorker("worker-0", StandaloneInfrastructure.QUICK_RETRIES);
            await().atMost(Duration.ofMinutes(1)).until(() -> "UP".equals(kafkaHealth(worker)));
            SteadyLoad load = SteadyLoad.start(infrastructure, REQUESTS_PER_SECOND);
            await().atMost(Duration.ofMinutes(1)).until(() -> outcomes.all().size() >= REQUESTS_PER_SECOND);
            Thread.sleep(BEFORE_OUTAGE.toMillis());

            Instant stopping = Instant.now();
            infrastructure.broker().stop();
            Instant stopped = Instant.now();
            await().atMost(OUTAGE).until(() -> "DOWN".equals(kafkaHealth(worker)));
            Duration reportedDown = Duration.between(stopped, Instant.now());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(OUTAGE)).toMillis()));
            infrastructure.broker().restart();
            Instant restarted = Instant.now();
            await().atMost(Duration.ofMinutes(1)).until(() -> "UP".equals(kafkaHealth(worker)));
            Duration reportedUp = Duration.between(restarted, Instant.now());
            Thread.sleep(AFTER_OUTAGE.toMillis());
            List<SteadyLoad.Sent> sent = load.stop();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    sent.stream().noneMatch(request -> outcomes.values(request.requestId()).isEmpty()));
            int redelivered = ExactlyOnce.assertFor(sent.stream().map(SteadyLoad.Sent::requestId).toList(),
                    infrastructure.jdbc(), outcomes);
            var timeline = new OutcomeTimeline(outcomes);
            List<SteadyLoad.Sent> waitedOut = sent.stream().filter(request -> request.sentAt().isBefore(restarted)
                    && timeline.firstOutcome(request).isAfter(restarted)).toList();
            Instant caughtUp = sent.stream()
                    .filter(request -> Duration.between(request.sentAt(), timeline.firstOutcome(request)).compareTo(CAUGHT_UP) > 0)
                    .map(timeline::firstOutcome).max(Instant::compareTo).orElse(restarted);
            log.info("""
                    Broker outage: {} requests at {}/s; the broker took {} ms to stop and was down for {} ms; \
                    health kafka DOWN {} ms after the stop, UP {} ms after the restart; first outcome {} ms after \
                    the restart; {} requests due before the restart were answered after it; every request was \
                    answered within {} s of being due again from {} ms after the restart; {} outcome records, \
                    {} re-deliveries of the same event, 0 lost. Outcomes per 5 s from 10 s before the stop: {}.""",
                    sent.size(), REQUESTS_PER_SECOND, Duration.between(stopping, stopped).toMillis(),
                    Duration.between(stopped, restarted).toMillis(), reportedDown.toMillis(), reportedUp.toMillis(),
                    Duration.between(restarted, timeline.firstAfter(restarted)).toMillis(), waitedOut.size(),
                    CAUGHT_UP.toSeconds(), Duration.between(restarted, caughtUp).toMillis(), outcomes.all().size(),
                    redelivered, timeline.countsPer(Duration.ofSeconds(5), stopping.minus(BEFORE_OUTAGE), Instant.now()));

            assertThat(worker.isAlive()).as("the same worker process throughout").isTrue();
            assertThat(waitedOut).as("requests that waited out the outage").isNotEmpty();
            assertThat(sent.stream().map(request -> outcomes.values(request.requestId()).getFirst()))
                    .allMatch(UserCreated.class::isInstance);
        }
    }

    /** Status of the worker's health component {@code kafka}. */
    private static String kafkaHealth(WorkerProcess worker) throws IOException, InterruptedException {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(worker.actuator("/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).path("components").path("kafka").path("status").asString();
    }
}
