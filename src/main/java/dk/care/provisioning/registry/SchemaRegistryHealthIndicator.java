package dk.care.provisioning.registry;

import dk.care.provisioning.config.TopicProperties;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Health component {@code schemaRegistry}: asks the registry the worker's serializers use (same URLs,
 * same credentials, same fail-over) for the request subject. An unknown subject still proves the
 * registry answers; only an unreachable or failing registry is DOWN.
 */
@Component
class SchemaRegistryHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final SchemaRegistryClient client;
    private final List<String> urls;
    private final String subject;

    SchemaRegistryHealthIndicator(ProducerFactory<?, ?> producers, TopicProperties topics) {
        super("Schema registry health check failed");
        var config = producers.getConfigurationProperties();
        this.client = SchemaRegistryClients.create(config);
        this.urls = ConfluentAvroSerdeConfig.urls(config).stream().map(ConfluentAvroSerdeConfig::redacted).toList();
        this.subject = topics.requests() + "-value";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("urls", urls);
        try {
            builder.withDetail("requestSchemaVersion", client.getLatestSchemaMetadata(subject).version()).up();
        } catch (SchemaNotFoundException e) {
            builder.withDetail("requestSchemaVersion", "none registered yet").up();
        }
    }

    @Override
    public void destroy() {
        client.close();
    }
}
