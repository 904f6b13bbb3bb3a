package dk.care.provisioning.testing;

import static org.awaitility.Awaitility.await;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.v1.ChangeUserRequest;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Leavers deactivated and erased as an HR system does it: a {@code Deactivate} or {@code Erase} change
 * request on the broker, awaited until the table shows it applied.
 */
public final class Leavers {

    private Leavers() {
    }

    /** Deactivates the user of {@code organisationId} through a real request and waits until the table shows it. */
    public static void deactivate(KafkaTemplate<Object, Object> kafka, TopicProperties topics, JdbcClient jdbc,
                                  UUID userId, String organisationId) {
        change(kafka, topics, jdbc, userId, organisationId, Changes.deactivate(), "DEACTIVATED");
    }

    /** Erases the deactivated user of {@code organisationId} through a real request and waits until the table shows it. */
    public static void erase(KafkaTemplate<Object, Object> kafka, TopicProperties topics, JdbcClient jdbc,
                             UUID userId, String organisationId) {
        change(kafka, topics, jdbc, userId, organisationId, Changes.erase(), "ERASED");
    }

    private static void change(KafkaTemplate<Object, Object> kafka, TopicProperties topics, JdbcClient jdbc,
                               UUID userId, String organisationId, Object change, String status) {
        ChangeUserRequest request = Changes.of(userId, change).setOrganisationId(organisationId).build();
        kafka.send(topics.userChanges(), Changes.key(request), request).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select status from app_user where id = ?")
                .param(userId).query(String.class).single(), status::equals);
    }
}
