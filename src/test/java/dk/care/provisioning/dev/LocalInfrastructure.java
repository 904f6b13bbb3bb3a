package dk.care.provisioning.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dk.care.provisioning.registry.LocalSchemaRegistryServer;

import static dk.care.provisioning.registry.ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Embedded Kafka broker, PostgreSQL and schema registry for the embedded default (docs/design.md §9); the application
 * connects to them without further configuration.
 *
 * <p>Properties: {@code provisioning.dev.kafka-port} (default 9092, 0 = free port),
 * {@code provisioning.dev.kafka-controller-port} (default 9093, 0 = free port),
 * {@code provisioning.dev.kafka-log-dir} (default: temporary, deleted on shutdown),
 * {@code provisioning.dev.db-port} (default 0 = free port),
 * {@code provisioning.dev.db-settings[name]} (a PostgreSQL server setting, e.g. {@code [synchronous_commit]=on}) and
 * {@code provisioning.dev.registry-port} (default 8081, 0 = free port).
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalInfrastructure {

    // Spring closes beans in reverse dependency order, so the DataSource pool and the Kafka
    // clients (through KafkaConnectionDetails) are closed before the servers they depend on.

    @Bean(destroyMethod = "close")
    EmbeddedKafkaServer embeddedKafkaServer(
            @Value("${provisioning.dev.kafka-port:" + EmbeddedKafkaServer.DEFAULT_PORT + "}") int port,
            @Value("${provisioning.dev.kafka-controller-port:" + EmbeddedKafkaServer.DEFAULT_CONTROLLER_PORT + "}") int controllerPort,
            @Value("${provisioning.dev.kafka-log-dir:}") String logDir) {
        EmbeddedKafkaServer.Builder builder = EmbeddedKafkaServer.builder().port(port).controllerPort(controllerPort);
        if (StringUtils.hasText(logDir)) {
            builder.logDir(Path.of(logDir));
        }
        return builder.start();
    }

    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(EmbeddedKafkaServer kafka) {
        // Replaces Boot's property-based details, so spring.kafka.bootstrap-servers is ignored.
        return () -> List.of(kafka.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${provisioning.dev.db-port:0}") int port, Environment environment) {
        Map<String, String> settings = Binder.get(environment)
                .bind("provisioning.dev.db-settings", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        // The context's shutdown hook stops PostgreSQL; zonky's own hook would race with it.
        return EmbeddedDatabase.startManaged(port, settings);
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedDatabase db) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(db.jdbcUrl())
                .username(db.username())
                .password(db.password())
                .build();
    }

    /** The Confluent-compatible registry of the embedded default; any Confluent client can use it. */
    @Bean(destroyMethod = "close")
    LocalSchemaRegistryServer localSchemaRegistry(
            @Value("${provisioning.dev.registry-host:localhost}") String host,
            @Value("${provisioning.dev.registry-port:8081}") int port) {
        return new LocalSchemaRegistryServer(host, port).start();
    }

    // Like KafkaConnectionDetails for the broker: the registry's port may be chosen at start-up.
    @Bean
    DefaultKafkaProducerFactoryCustomizer localSchemaRegistryForProducers(LocalSchemaRegistryServer registry) {
        return factory -> factory.updateConfigs(Map.of(SCHEMA_REGISTRY_URL, registry.url()));
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer localSchemaRegistryForConsumers(LocalSchemaRegistryServer registry) {
        return factory -> factory.updateConfigs(Map.of(SCHEMA_REGISTRY_URL, registry.url()));
    }
}
