package dk.care.provisioning.intake;

import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.user.ProvisioningService;
import dk.care.provisioning.v1.CreateUserRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes CreateUserRequests a poll at a time. Offsets are committed by the container after this
 * method returns, that is after the provisioning transactions committed; a crash in between
 * redelivers the records, which idempotency turns into re-publications of the same outcomes.
 *
 * <p>Values arrive as bytes and are deserialized here, so that a record that cannot be used — not
 * Avro, an unknown schema, another record type — reaches the dead-letter topic exactly as it came.
 * The readable records up to the first unreadable one are provisioned in one transaction; if
 * that fails they are retried one by one, so that a failure names exactly one record, which the
 * error handler retries or dead-letters while the records before it stay committed.
 */
@Component
class RequestListener {

    private final ProvisioningService provisioning;
    private final RequestLatency latency;
    private final Deserializer<?> values;

    RequestListener(ProvisioningService provisioning, RequestLatency latency, Deserializer<?> values) {
        this.provisioning = provisioning;
        this.latency = latency;
        this.values = values;
    }

    @KafkaListener(id = "requests", idIsGroup = false, batch = "true",
            topics = "${provisioning.topics.requests:user-provisioning.requests.v1}")
    void onRequests(List<ConsumerRecord<String, byte[]>> records) {
        List<ProvisioningRequest> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                readable.add(toDomain(record));
            } catch (SerializationException | UnusableRequestException unusable) {
                provision(readable, records);
                throw new BatchListenerFailedException(unusable.getMessage(), unusable, record);
            }
        }
        provision(readable, records);
    }

    /** Provisions the first {@code readable.size()} records, which are all readable. */
    private void provision(List<ProvisioningRequest> readable, List<ConsumerRecord<String, byte[]>> records) {
        if (readable.isEmpty()) {
            return;
        }
        try {
            provisioning.provisionAll(readable);
            readable.forEach(request -> latency.completed(request.requestedAt()));
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < readable.size(); i++) {
                try {
                    provisioning.provision(readable.get(i));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, records.get(i));
                }
                latency.completed(readable.get(i).requestedAt());
            }
        }
    }

    /** Throws SerializationException (transient when the registry is unreachable) or UnusableRequestException. */
    private ProvisioningRequest toDomain(ConsumerRecord<String, byte[]> record) {
        Object value = record.value() == null ? null
                : values.deserialize(record.topic(), record.headers(), record.value());
        if (!(value instanceof CreateUserRequest request)) {
            throw new UnusableRequestException("value is " + describe(value) + ", not a CreateUserRequest");
        }
        return RequestMapper.toDomain(request);
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "empty" : "a " + value.getClass().getSimpleName();
    }
}
