package dk.care.provisioning.dev;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.StringUtils;

/** The demo part of the embedded default: sample requests and a table of their outcomes; off with provisioning.dev.demo=false. */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "provisioning.dev.demo", matchIfMissing = true)
class DemoConfiguration {

    @Bean
    DemoRunner demoRunner(KafkaTemplate<Object, Object> kafka, TopicProperties topics, EmbeddedKafkaServer broker,
                          LocalSchemaRegistryServer registry, Environment environment,
                          @Value("${" + DemoJweKeySet.KEY_SET_PATH + ":}") String keySetPath) {
        HrSystemEncryption secrets = StringUtils.hasText(keySetPath)
                ? HrSystemEncryption.toPublicKeysOf(Path.of(keySetPath)) : HrSystemEncryption.plaintext();
        return new DemoRunner(kafka, topics, broker.bootstrapServers(), registry.url(), secrets, environment,
                System.out);
    }
}
