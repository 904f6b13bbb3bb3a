package dk.care.provisioning.config;

import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the worker's topics so a fresh cluster works out of the box; existing topics are left
 * as they are. Turn off with {@code provisioning.topics.create=false} where topics are managed
 * elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "provisioning.topics.create", matchIfMissing = true)
class TopicConfiguration {

    @Bean
    KafkaAdmin.NewTopics provisioningTopics(TopicProperties topics, RetentionProperties retention) {
        // The outcomes name people (UserCreated, UserActivated): kept only as long as consumers need
        // them to catch up, so that what an erasure cannot reach on the broker ages out.
        String outcomeRetention = String.valueOf(retention.outcomeTopics().toMillis());
        UnaryOperator<TopicBuilder> outcomes = topic -> topic.config(TopicConfig.RETENTION_MS_CONFIG, outcomeRetention);
        return new KafkaAdmin.NewTopics(
                topic(topics.requests(), topics, UnaryOperator.identity()),
                topic(topics.userCreated(), topics, outcomes),
                topic(topics.userCreationFailed(), topics, outcomes),
                topic(topics.invitations(), topics, outcomes),
                topic(topics.userActivated(), topics, outcomes),
                topic(topics.deadLetter(), topics, UnaryOperator.identity()),
                topic(topics.userChanges(), topics, UnaryOperator.identity()),
                topic(topics.userChanged(), topics, outcomes),
                topic(topics.userChangeFailed(), topics, outcomes),
                topic(topics.changesDeadLetter(), topics, UnaryOperator.identity()),
                // The latest state per user, for consumers that build their view from it (§11).
                TopicBuilder.name(topics.users()).partitions(topics.partitions()).replicas(topics.replicas())
                        .compact().build());
    }

    private static NewTopic topic(String name, TopicProperties topics, UnaryOperator<TopicBuilder> settings) {
        return settings.apply(TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas())).build();
    }
}
