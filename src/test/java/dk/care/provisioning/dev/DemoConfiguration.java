package dk.care.provisioning.dev;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/** The demo part of the embedded default: sample requests and a table of their outcomes; off with provisioning.dev.demo=false. */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "provisioning.dev.demo", matchIfMissing = true)
class DemoConfiguration {

    @Bean
    DemoRunner demoRunner(KafkaTemplate<Object, Object> kafka, TopicProperties topics, EmbeddedKafkaServer broker,
                          LocalSchemaRegistryServer registry, Environment environment) {
        return new DemoRunner(kafka, topics, broker.bootstrapServers(), registry.url(), environment, System.out);
    }
}
