package dk.care.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.testing.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The SASL_SSL block of {@code docs/security.md} (SCRAM-SHA-512 over TLS with a private CA) is all Spring Boot needs:
 * its Kafka auto-configuration, given exactly those properties, talks to a broker that accepts only
 * SASL_SSL clients, and a wrong password is refused.
 */
class KafkaSaslSslTest {

    private static final String TOPIC = "sasl-ssl-check";
    private static final String USER = "provisioning-worker";
    private static final String PASSWORD = "worker-password";
    private static final String STORE_PASSWORD = "store-secret";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaServer broker;
    private static int saslSslPort;
    private static Path trustStore;

    @BeforeAll
    static void startBrokerWithSaslSslListener() throws Exception {
        var certificates = new TestCertificates(dir, STORE_PASSWORD);
        Path brokerStore = certificates.keyPair("broker", "CN=localhost", "dns:localhost");
        trustStore = certificates.trustStore("ca", "broker");
        int plaintextPort = freePort();
        int controllerPort = freePort();
        saslSslPort = freePort();
        String sslPrefix = "listener.name.sasl_ssl.ssl.";
        // The PLAINTEXT listener stays for the broker itself and for creating the SCRAM user.
        broker = EmbeddedKafkaServer.builder().port(plaintextPort).controllerPort(controllerPort)
                .brokerProperty("listeners", "PLAINTEXT://localhost:" + plaintextPort
                        + ",CONTROLLER://localhost:" + controllerPort + ",SASL_SSL://localhost:" + saslSslPort)
                .brokerProperty("advertised.listeners", "PLAINTEXT://localhost:" + plaintextPort
                        + ",SASL_SSL://localhost:" + saslSslPort)
                .brokerProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL")
                .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .brokerProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty(sslPrefix + "keystore.location", brokerStore.toString())
                .brokerProperty(sslPrefix + "keystore.password", STORE_PASSWORD)
                .brokerProperty(sslPrefix + "keystore.type", "PKCS12")
                .brokerProperty(sslPrefix + "key.password", STORE_PASSWORD)
                .start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get(60, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producesAndConsumesOverSaslSslWithTheReadmeConfiguration() {
        worker(PASSWORD).run(context -> {
            assertThat(context).hasNotFailed();
            // The SCRAM user reaches the broker through the metadata log, a moment after it was created.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(clusterId(context.getBean(KafkaAdmin.class))).isNotBlank());
            @SuppressWarnings("unchecked")
            KafkaTemplate<Object, Object> kafka = context.getBean(KafkaTemplate.class);
            kafka.send(TOPIC, "key", "over SASL_SSL").get(60, TimeUnit.SECONDS);

            try (Consumer<?, ?> consumer = context.getBean(ConsumerFactory.class).createConsumer("sasl-ssl-check", null)) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<Object> values = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<?, ?> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                    return values.contains("over SASL_SSL");
                });
            }
        });
    }

    @Test
    void refusesAClientWithAWrongPassword() {
        worker("not-the-password").run(context -> {
            Throwable failure = catchThrowable(() -> clusterId(context.getBean(KafkaAdmin.class)));
            assertThat(failure).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        });
    }

    /** The documented Kafka properties, with its placeholders filled in. */
    private static ApplicationContextRunner worker(String password) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=localhost:" + saslSslPort,
                        "spring.kafka.security.protocol=SASL_SSL",
                        "spring.kafka.ssl.trust-store-location=file:" + trustStore,
                        "spring.kafka.ssl.trust-store-password=" + STORE_PASSWORD,
                        "spring.kafka.ssl.trust-store-type=PKCS12",
                        "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                        "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule "
                                + "required username=\"" + USER + "\" password=\"" + password + "\";",
                        "spring.kafka.consumer.auto-offset-reset=earliest");
    }

    private static String clusterId(KafkaAdmin kafkaAdmin) throws Exception {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
