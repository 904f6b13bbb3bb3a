package dk.care.provisioning.invitation.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** Builds the configured SMS provider behind its guards. */
public final class SmsProviders {

    private SmsProviders() {
    }

    /** The provider of {@code settings}, behind its rate limit and circuit breaker. */
    public static GuardedProvider guarded(ProviderSettings settings, Duration maxWaitForPermit,
                                          ObjectProvider<ProducerFactory<Object, Object>> producers) {
        SmsProvider provider = switch (settings.type()) {
            case HTTP -> {
                if (settings.http().url() == null || settings.http().url().isBlank()) {
                    throw new InvalidConfigurationPropertyValueException("provisioning.invitations.provider.http.url",
                            settings.http().url(), "the HTTP SMS provider needs it: set PROVISIONING_INVITATIONS_PROVIDER_HTTP_URL "
                            + "to the SMS gateway's URL (and PROVISIONING_INVITATIONS_PROVIDER_HTTP_AUTH_TOKEN to its bearer "
                            + "token), or PROVISIONING_INVITATIONS_PROVIDER_TYPE=kafka to leave SMS to a notification service "
                            + "reading " + settings.kafka().topic());
                }
                yield new HttpSmsGateway(URI.create(settings.http().url()), settings.http().authToken(),
                        settings.timeout());
            }
            case KAFKA -> kafka(producers.getObject(), settings.kafka().topic(), settings.timeout());
            case LOG -> new LogSmsProvider();
        };
        return new GuardedProvider(provider, settings, maxWaitForPermit);
    }

    /** The application's producer settings (brokers, security), with plain strings as values instead of Avro. */
    public static SmsProvider kafka(ProducerFactory<Object, Object> producers, String topic, Duration timeout) {
        return new KafkaSmsProvider(new KafkaTemplate<>(stringValues(producers),
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        // A missing topic or broker must fail within the provider's timeout, not the default minute.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis())), topic, timeout);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ProducerFactory<String, String> stringValues(ProducerFactory<Object, Object> factory) {
        return (ProducerFactory) factory;
    }
}
