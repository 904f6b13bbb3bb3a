package dk.care.provisioning.invitation.sms;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** Builds the configured SMS provider behind its guards. */
public final class SmsProviders {

    private static final String GATEWAY_URL = "provisioning.invitations.provider.http.url";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private SmsProviders() {
    }

    /** The provider of {@code settings}, behind its rate limit and circuit breaker. */
    public static GuardedProvider guarded(ProviderSettings settings, Duration maxWaitForPermit,
                                          ObjectProvider<ProducerFactory<Object, Object>> producers) {
        SmsProvider provider = switch (settings.type()) {
            case HTTP -> {
                if (settings.http().url() == null || settings.http().url().isBlank()) {
                    throw new InvalidConfigurationPropertyValueException(GATEWAY_URL,
                            settings.http().url(), "the HTTP SMS provider needs it: set PROVISIONING_INVITATIONS_PROVIDER_HTTP_URL "
                            + "to the SMS gateway's URL (and PROVISIONING_INVITATIONS_PROVIDER_HTTP_AUTH_TOKEN to its bearer "
                            + "token), or PROVISIONING_INVITATIONS_PROVIDER_TYPE=kafka to leave SMS to a notification service "
                            + "reading " + settings.kafka().topic());
                }
                yield new HttpSmsGateway(gatewayUrl(settings.http().url()), settings.http().authToken(),
                        settings.timeout());
            }
            case KAFKA -> kafka(producers.getObject(), settings.kafka().topic(), settings.timeout());
            case LOG -> new LogSmsProvider();
        };
        return new GuardedProvider(provider, settings, maxWaitForPermit);
    }

    /**
     * The gateway's URL, which must be {@code https} unless the gateway runs on this machine: each message
     * carries a live invitation link and the gateway's bearer token, which plain HTTP would show to the network.
     */
    static URI gatewayUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationPropertyValueException(GATEWAY_URL, url, "not a URL");
        }
        boolean local = uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && local)) {
            throw new InvalidConfigurationPropertyValueException(GATEWAY_URL, url, "the SMS gateway must be reached "
                    + "over https (plain http only on localhost): each message carries a live invitation link and the "
                    + "gateway's bearer token; set PROVISIONING_INVITATIONS_PROVIDER_HTTP_URL to an https:// URL");
        }
        return uri;
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
