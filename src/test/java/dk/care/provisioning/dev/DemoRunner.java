package dk.care.provisioning.dev;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.v1.InvitationEvent;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the demo requests once the worker is up and prints every outcome as a table, read
 * back from the outcome topics exactly as an admin UI would.
 */
class DemoRunner implements ApplicationRunner {

    /** The console's demo sign-ins; application-local.yml holds their Argon2id hashes. */
    static final String DEMO_ADMIN = "demo-admin";
    static final String DEMO_ADMIN_PASSWORD = "console-demo-password";
    static final String DEMO_OPERATOR = "demo-operator";
    static final String DEMO_OPERATOR_PASSWORD = "operator-demo-password";
    static final String DEMO_OMSORG_ADMIN = "demo-omsorg-admin";
    static final String DEMO_OMSORG_ADMIN_PASSWORD = "omsorg-demo-password";
    /** The admin API's demo clients; application-local.yml holds the SHA-256 of their tokens. */
    static final String DEMO_ADMIN_TOKEN = "demo-admin-token-for-the-embedded-default";
    static final String DEMO_OMSORG_TOKEN = "demo-omsorg-token-for-the-embedded-default";

    private final KafkaTemplate<Object, Object> kafka;
    private final TopicProperties topics;
    private final String bootstrapServers;
    private final String registryUrl;
    private final HrSystemEncryption secrets;
    private final PrintStream out;
    private final Environment environment;

    DemoRunner(KafkaTemplate<Object, Object> kafka, TopicProperties topics, String bootstrapServers,
               String registryUrl, HrSystemEncryption secrets, Environment environment, PrintStream out) {
        this.kafka = kafka;
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.secrets = secrets;
        this.environment = environment;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<DemoRequests.Sample> valid = DemoRequests.valid(secrets);
        List<DemoRequests.Sample> invalid = DemoRequests.invalid(secrets);
        var table = new StringBuilder(String.format("%nSample requests (secrets as %s) and their outcomes%n%-52s %-18s %s%n",
                secrets.describe(), "request", "outcome", "details"));
        List<String> invitations = new ArrayList<>();
        try (var outcomes = new OutcomeConsumer(bootstrapServers, registryUrl,
                List.of(topics.userCreated(), topics.userCreationFailed(), topics.invitations()))) {
            publish(valid, outcomes, table, invitations);
            publish(invalid, outcomes, table, invitations);
            // The log provider prints each link as it "sends" it; wait for those lines before the table.
            for (String invitationId : invitations) {
                InvitationEvent event = outcomes.awaitOutcome(invitationId, InvitationEvent.class);
                table.append(String.format("invitation %s: %s%n", invitationId, event.getStatus()));
            }
        }
        table.append(String.format("The invitation links are in the 'SMS to' log lines above; the token is what follows "
                + "'#/'. Redeem one (see docs/invitations.md):%n"
                + "  curl -s localhost:%s/api/invitations/redeem -H 'Content-Type: application/json' "
                + "-d '{\"token\":\"<token from the link>\",\"username\":\"karen.h\",\"password\":\"a private long passphrase\"}'%n",
                environment.getProperty("local.server.port", "8080")));
        table.append(String.format("%nAll %d outcomes printed %.1f s after the JVM started.%n",
                valid.size() + invalid.size(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        table.append(String.format(
                "The worker keeps running: Kafka at %s, schema registry at %s, requests topic %s, health at "
                        + "http://localhost:%s/actuator/health. Ctrl-C stops it.%n",
                bootstrapServers, registryUrl, topics.requests(), environment.getProperty("local.management.port", "8090")));
        table.append(String.format("%nConsole: http://localhost:%s/console — sign in as %s / %s (creates users, "
                        + "replays dead letters; all organisations), %s / %s (operations only; all organisations) or "
                        + "%s / %s (creates users; demo-omsorg only). The requests above are in it.%n",
                environment.getProperty("local.server.port", "8080"), DEMO_ADMIN, DEMO_ADMIN_PASSWORD, DEMO_OPERATOR,
                DEMO_OPERATOR_PASSWORD, DEMO_OMSORG_ADMIN, DEMO_OMSORG_ADMIN_PASSWORD));
        table.append(String.format("Admin API: http://localhost:%s/api/admin — 'Authorization: Bearer %s' (all "
                        + "organisations) or 'Bearer %s' (demo-omsorg only), with 'X-Requested-By: <your name>'.%n",
                environment.getProperty("local.server.port", "8080"), DEMO_ADMIN_TOKEN, DEMO_OMSORG_TOKEN));
        // One write, so that the worker's own log lines cannot interleave with the table.
        out.println(table);
    }

    private void publish(List<DemoRequests.Sample> samples, OutcomeConsumer outcomes, StringBuilder table,
                         List<String> invitations) {
        for (DemoRequests.Sample sample : samples) {
            kafka.send(topics.requests(), sample.request().getRequestId(), sample.request());
        }
        kafka.flush();
        for (DemoRequests.Sample sample : samples) {
            Object outcome = outcomes.awaitOutcome(sample.request().getRequestId(), SpecificRecord.class);
            table.append(String.format("%-52s %-18s %s%n", sample.description(), outcome.getClass().getSimpleName(),
                    details(outcome)));
            if (outcome instanceof UserCreated created && created.getInvitationId() != null) {
                invitations.add(created.getInvitationId().toString());
            }
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
