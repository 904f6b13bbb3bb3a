package dk.care.provisioning.dev;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the demo requests once the worker is up and prints every outcome as a table, read
 * back from the outcome topics exactly as an admin UI would.
 */
class DemoRunner implements ApplicationRunner {

    private final KafkaTemplate<Object, Object> kafka;
    private final TopicProperties topics;
    private final String bootstrapServers;
    private final String registryUrl;
    private final HrSystemEncryption secrets;
    private final PrintStream out;

    DemoRunner(KafkaTemplate<Object, Object> kafka, TopicProperties topics, String bootstrapServers,
               String registryUrl, HrSystemEncryption secrets, PrintStream out) {
        this.kafka = kafka;
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.secrets = secrets;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<DemoRequests.Sample> valid = DemoRequests.valid(secrets);
        List<DemoRequests.Sample> invalid = DemoRequests.invalid(secrets);
        var table = new StringBuilder(String.format("%nSample requests (secrets as %s) and their outcomes%n%-52s %-18s %s%n",
                secrets.describe(), "request", "outcome", "details"));
        try (var outcomes = new OutcomeConsumer(bootstrapServers, registryUrl,
                List.of(topics.userCreated(), topics.userCreationFailed()))) {
            publish(valid, outcomes, table);
            publish(invalid, outcomes, table);
        }
        table.append(String.format("%nAll %d outcomes printed %.1f s after the JVM started.%n",
                valid.size() + invalid.size(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        table.append(String.format(
                "The worker keeps running: Kafka at %s, schema registry at %s, requests topic %s. Ctrl-C stops it.%n",
                bootstrapServers, registryUrl, topics.requests()));
        // One write, so that the worker's own log lines cannot interleave with the table.
        out.println(table);
    }

    private void publish(List<DemoRequests.Sample> samples, OutcomeConsumer outcomes, StringBuilder table) {
        for (DemoRequests.Sample sample : samples) {
            kafka.send(topics.requests(), sample.request().getRequestId(), sample.request());
        }
        kafka.flush();
        for (DemoRequests.Sample sample : samples) {
            Object outcome = outcomes.awaitOutcome(sample.request().getRequestId(), SpecificRecord.class);
            table.append(String.format("%-52s %-18s %s%n", sample.description(), outcome.getClass().getSimpleName(),
                    details(outcome)));
        }
    }

    private static String details(Object outcome) {
        return switch (outcome) {
            case UserCreated created -> created.getStatus() + " user " + created.getUserId()
                    + (created.getUsername() == null ? "" : " username " + created.getUsername());
            case UserCreationFailed failed -> failed.getErrors().stream()
                    .map(DemoRunner::describe).collect(Collectors.joining("; "));
            default -> outcome.toString();
        };
    }

    private static String describe(ValidationError error) {
        return error.getCode() + (error.getField() == null ? "" : " (" + error.getField() + ")");
    }
}
