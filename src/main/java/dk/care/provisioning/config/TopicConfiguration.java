package dk.care.provisioning.config;

import org.apache.kafka.clients.admin.NewTopic;
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
    KafkaAdmin.NewTopics provisioningTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(topics.requests(), topics),
                topic(topics.userCreated(), topics),
                topic(topics.userCreationFailed(), topics),
                topic(topics.invitations(), topics),
                topic(topics.userActivated(), topics),
                topic(topics.deadLetter(), topics),
                topic(topics.userChanges(), topics),
                topic(topics.userChanged(), topics),
                topic(topics.userChangeFailed(), topics),
                topic(topics.changesDeadLetter(), topics),
                // The latest state per user, for consumers that build their view from it (§11).
                TopicBuilder.name(topics.users()).partitions(topics.partitions()).replicas(topics.replicas())
                        .compact().build());
    }

    private static NewTopic topic(String name, TopicProperties topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }
}
