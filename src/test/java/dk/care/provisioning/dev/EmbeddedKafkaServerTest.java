package dk.care.provisioning.dev;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedKafkaServerTest {

    private static int requestedPort;
    private static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startKafka() throws IOException {
        requestedPort = freePort();
        kafka = EmbeddedKafkaServer.builder().port(requestedPort).controllerPort(0).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void listensOnTheRequestedPort() {
        assertThat(kafka.port()).isEqualTo(requestedPort);
        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + requestedPort);
    }

    @Test
    void topicCreatedByAdminCarriesARecordFromProducerToConsumer() throws Exception {
        String topic = "dev-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello")).get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dev-test",
                // The worker's group protocol (KIP-848): the broker must have it enabled.
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    received = records.iterator().next();
                }
            }
            assertThat(received).isNotNull();
            assertThat(received.key()).isEqualTo("key-1");
            assertThat(received.value()).isEqualTo("hello");
        }
    }

    @Test
    void topicsAreNotCreatedImplicitly() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
                        new StringSerializer(), new StringSerializer())) {
            String topic = "undeclared-" + UUID.randomUUID();
            // The producer's metadata request is what would auto-create the topic; it must time out instead.
            assertThatException().isThrownBy(() -> producer.send(new ProducerRecord<>(topic, "x")).get(10, TimeUnit.SECONDS));
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(topics).doesNotContain(topic);
        }
    }

    @Test
    void refusesAPortThatIsTaken() {
        assertThatIllegalStateException()
                .isThrownBy(() -> EmbeddedKafkaServer.builder().port(kafka.port()).controllerPort(0).start())
                .withMessageContaining("already in use");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
