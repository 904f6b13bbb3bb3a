package dk.care.provisioning.intake;

import dk.care.provisioning.user.ProvisioningService;
import dk.care.provisioning.v1.CreateUserRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes CreateUserRequests. Offsets are committed by the container after this method returns,
 * that is after the provisioning transaction committed; a crash in between redelivers the record,
 * which idempotency turns into a re-publication of the same outcome.
 */
@Component
class RequestListener {

    private final ProvisioningService provisioning;
    private final RequestLatency latency;

    RequestListener(ProvisioningService provisioning, RequestLatency latency) {
        this.provisioning = provisioning;
        this.latency = latency;
    }

    @KafkaListener(id = "requests", idIsGroup = false, topics = "${provisioning.topics.requests:user-provisioning.requests.v1}")
    void onRequest(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof CreateUserRequest request)) {
            throw new UnusableRequestException("value is " + describe(record.value()) + ", not a CreateUserRequest");
        }
        try (var ignored = LogContext.of(request)) {
            provisioning.provision(RequestMapper.toDomain(request));
        }
        latency.completed(request.getRequestedAt());
    }

    private static String describe(Object value) {
        return value == null ? "empty" : "a " + value.getClass().getSimpleName();
    }
}
