package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.security.SecretEncryption;
import dk.care.provisioning.user.LoginMethod;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Without the worker's key and without plaintext allowed, a form holding a secret publishes nothing. */
class RequestPublisherTest {

    // Never reached: the refusal comes before the producer is made. An address nobody listens on, if it were.
    private final KafkaTemplate<Object, Object> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1")));
    private final Binder defaults = new Binder(new MapConfigurationPropertySource(Map.of()));
    private final TopicProperties topics = defaults.bindOrCreate("provisioning.topics", TopicProperties.class);
    private final ConsoleProperties console = defaults.bindOrCreate("provisioning.console", ConsoleProperties.class);

    @Test
    void refusesToPublishAPasswordOrCprWithoutAKeyUnlessPlaintextIsAllowed() {
        var publisher = new RequestPublisher(kafka, topics, SecretEncryption.withoutKey(false), console,
                Clock.systemUTC());

        assertThatThrownBy(() -> publisher.publish(user(LoginMethod.Kind.STANDARD, "a typed passphrase", null), "Anna"))
                .isInstanceOf(RequestPublisher.SecretsRefusedException.class);
        assertThatThrownBy(() -> publisher.publish(user(LoginMethod.Kind.MITID, null, "0101901234"), "Anna"))
                .isInstanceOf(RequestPublisher.SecretsRefusedException.class);
    }

    private static NewUser user(LoginMethod.Kind login, String password, String cpr) {
        return new NewUser("demo-care", "demo-care.home-care", "demo-care.caregiver", UserType.EMPLOYEE, login,
                "Console Person", "console@example.org", "+4520123456", null, null, "console.person", password, false,
                cpr);
    }
}
