package dk.care.provisioning.invitation.sms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands each SMS to an external notification service as a JSON record
 * ({@code {"to", "message", "reference"}}) on a topic, keyed by invitation id. Delivered means
 * acknowledged by the broker; the service behind the topic owns the rest.
 */
final class KafkaSmsProvider implements SmsProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration timeout;

    KafkaSmsProvider(KafkaTemplate<String, String> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void send(Sms sms) {
        Map<String, String> body = sms.body();
        try {
            kafka.send(topic, sms.invitationId().toString(), JSON.writeValueAsString(body))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new DeliveryException.Transient("broker did not acknowledge: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException.Transient("interrupted", e);
        }
    }
}
