package dk.care.provisioning.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.registry.IncompatibleSchemaException;
import dk.care.provisioning.registry.SchemaRegistryUnavailableException;
import dk.care.provisioning.registry.TransientSerializationException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

class SendFailuresTest {

    @Test
    void setsAsideWhatIsWrongWithTheRowItself() {
        assertThat(SendFailures.isPermanent(sendFailed(new RecordTooLargeException("The message is 1800123 bytes"))))
                .isTrue();
        assertThat(SendFailures.isPermanent(sendFailed(new InvalidRecordException("no key for a compacted topic"))))
                .isTrue();
        assertThat(SendFailures.isPermanent(new SerializationException("Error serializing Avro message"))).isTrue();
    }

    @Test
    void retriesWhatConcernsEveryRowAlike() {
        assertThat(SendFailures.isPermanent(sendFailed(new org.apache.kafka.common.errors.TimeoutException("expired"))))
                .isFalse();
        assertThat(SendFailures.isPermanent(sendFailed(new NetworkException("broker gone")))).isFalse();
        assertThat(SendFailures.isPermanent(sendFailed(new NotEnoughReplicasException("2 < 3")))).isFalse();
        assertThat(SendFailures.isPermanent(sendFailed(new TopicAuthorizationException("no write")))).isFalse();
        assertThat(SendFailures.isPermanent(new TimeoutException("not acknowledged within PT30S"))).isFalse();
        assertThat(SendFailures.isPermanent(new TransientSerializationException("registry down",
                new SchemaRegistryUnavailableException("connection refused", 0, 0, null)))).isFalse();
        assertThat(SendFailures.isPermanent(new SerializationException("Could not register schema",
                new IncompatibleSchemaException("incompatible", 409)))).isFalse();
    }

    @Test
    void describesTheWholeChainWithinAThousandCharacters() {
        assertThat(SendFailures.describe(sendFailed(new RecordTooLargeException("The message is 1800123 bytes"))))
                .isEqualTo("KafkaProducerException: Failed to send; caused by RecordTooLargeException: The message is 1800123 bytes");
        assertThat(SendFailures.describe(new RecordTooLargeException("x".repeat(5000)))).hasSize(1003);
    }

    private static KafkaProducerException sendFailed(Exception cause) {
        return new KafkaProducerException(new ProducerRecord<>("topic", "key", "value"), "Failed to send", cause);
    }
}
