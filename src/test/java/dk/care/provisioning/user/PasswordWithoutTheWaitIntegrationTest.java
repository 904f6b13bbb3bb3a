package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A password request does not hold back the requests polled with it or after it: with Argon2id held
 * at a gate, the phone requests of the same poll and of a later poll get their outcomes, and the
 * consumer's committed offset stays at the password's record until its own outcome is committed, so
 * that a crash in between redelivers it. The real broker, database and registry; only the hash waits.
 */
@Import(PasswordWithoutTheWaitIntegrationTest.GatedHashing.class)
@DirtiesContext
class PasswordWithoutTheWaitIntegrationTest extends WorkerIntegrationTest {

    private static final CountDownLatch HASH_STARTED = new CountDownLatch(1);
    private static final CountDownLatch HASH_MAY_FINISH = new CountDownLatch(1);

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    /** Every Argon2id hash of this context waits at the gate until the test opens it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class GatedHashing {

        @Bean
        @Primary
        PasswordHashing gatedPasswordHashing(PasswordHasher hasher) {
            return new PasswordHashing(password -> {
                HASH_STARTED.countDown();
                try {
                    HASH_MAY_FINISH.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return hasher.hash(password);
            }, 2);
        }
    }

    @AfterAll
    static void openTheGate() {
        HASH_MAY_FINISH.countDown();
    }

    @Test
    void answersPhoneRequestsOfTheSameAndALaterPollBeforeThePasswordIsHashed() throws Exception {
        CreateUserRequest password = Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                .setUsername("gated." + System.nanoTime()).setPassword(encrypted("a long and private passphrase"))
                .build()).build();
        CreateUserRequest phoneOfTheSamePoll = Requests.phoneSelfRegistration().build();
        CreateUserRequest phoneOfALaterPoll = Requests.phoneSelfRegistration().build();

        MessageListenerContainer container = listeners.getListenerContainer("requests");
        container.pause();
        await().until(container::isContainerPaused);
        // One partition, the password first: one consumer's poll holds both, in this order.
        long passwordOffset = sendToPartitionZero(password);
        sendToPartitionZero(phoneOfTheSamePoll);
        container.resume();

        try {
            outcomes().awaitOutcome(phoneOfTheSamePoll.getRequestId(), UserCreated.class);
            assertThat(HASH_STARTED.getCount()).as("the password was approved and is being hashed").isZero();
            long laterOffset = sendToPartitionZero(phoneOfALaterPoll);
            outcomes().awaitOutcome(phoneOfALaterPoll.getRequestId(), UserCreated.class);

            assertThat(outcomes().values(password.getRequestId())).as("no outcome before the hash").isEmpty();
            assertThat(jdbc.sql("select count(*) from processed_request where request_id = ?")
                    .param(password.getRequestId()).query(Long.class).single()).isZero();
            // Committed offsets: at most the password's record, however far the partition got since.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> committedOffset() <= passwordOffset);
            assertThat(laterOffset).isGreaterThan(passwordOffset);
        } finally {
            HASH_MAY_FINISH.countDown();
        }

        UserCreated created = outcomes().awaitOutcome(password.getRequestId(), UserCreated.class);
        assertThat(created.getUsername()).startsWith("gated.");
        assertThat(jdbc.sql("select password_hash from password_credential where user_id = ?")
                .param(created.getUserId()).query(String.class).single())
                .startsWith("$argon2id$");
        // Once the password is written, the consumer commits past every record of the partition.
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() > passwordOffset + 2);
    }

    private long sendToPartitionZero(CreateUserRequest request) {
        return kafka.send(new ProducerRecord<>(topics.requests(), 0, request.getRequestId(), request)).join()
                .getRecordMetadata().offset();
    }

    /** The request consumers' committed offset of partition 0, or -1 when none is committed yet. */
    private long committedOffset() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("user-provisioning-worker")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(new TopicPartition(topics.requests(), 0));
            return committed == null ? -1 : committed.offset();
        }
    }
}
