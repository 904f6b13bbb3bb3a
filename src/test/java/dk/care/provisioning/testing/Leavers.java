package dk.care.provisioning.testing;

import static org.awaitility.Awaitility.await;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.v1.ChangeUserRequest;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** Leavers made as an HR system makes them: a {@code Deactivate} change request on the broker, awaited until applied. */
public final class Leavers {

    private Leavers() {
    }

    /** Deactivates the user of {@code organisationId} through a real request and waits until the table shows it. */
    public static void deactivate(KafkaTemplate<Object, Object> kafka, TopicProperties topics, JdbcClient jdbc,
                                  UUID userId, String organisationId) {
        ChangeUserRequest request = Changes.of(userId, Changes.deactivate()).setOrganisationId(organisationId).build();
        kafka.send(topics.userChanges(), Changes.key(request), request).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select status from app_user where id = ?")
                .param(userId).query(String.class).single(), "DEACTIVATED"::equals);
    }
}
