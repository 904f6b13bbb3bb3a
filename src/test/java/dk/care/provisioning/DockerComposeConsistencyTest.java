package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.config.TopicProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked against the application's
 * configuration instead: the worker's environment variables, bound exactly as Spring Boot binds them
 * over application.yml, must point at the services, ports and topics the file defines.
 */
class DockerComposeConsistencyTest {

    private static Map<String, Object> services;
    private static Binder worker;
    private static Binder defaults;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
        List<PropertySource<?>> applicationYml = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));
        defaults = new Binder(ConfigurationPropertySources.from(applicationYml));
        List<PropertySource<?>> sources = new ArrayList<>();
        // Named as the real one, so Boot applies its environment variable mapping rules to it.
        sources.add(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(environment("worker"))));
        sources.addAll(applicationYml);
        worker = new Binder(ConfigurationPropertySources.from(sources));
    }

    @Test
    void definesKafkaRegistryPostgresTopicCreationAndTheWorkerWithHealthChecks() {
        assertThat(services).containsOnlyKeys("kafka", "kafka-init", "schema-registry", "postgres", "worker");
        assertThat(service("kafka").get("image")).asString().startsWith("apache/kafka:");
        assertThat(service("schema-registry").get("image")).asString().startsWith("confluentinc/cp-schema-registry:");
        assertThat(service("postgres").get("image")).asString().startsWith("postgres:");
        assertThat(service("worker").get("build")).isEqualTo(".");
        for (String name : List.of("kafka", "schema-registry", "postgres", "worker")) {
            assertThat(service(name)).as(name).containsKey("healthcheck");
        }
        assertThat(service("worker").get("depends_on")).asString()
                .contains("kafka-init={condition=service_completed_successfully}",
                        "schema-registry={condition=service_healthy}", "postgres={condition=service_healthy}");
    }

    @Test
    void workerReachesKafkaRegistryAndPostgresThroughTheirServiceNames() {
        String kafkaInternal = listener(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"), "INTERNAL");
        assertThat(worker.bind("spring.kafka.bootstrap-servers", String.class).get()).isEqualTo(kafkaInternal);
        assertThat(environment("kafka-init").get("BOOTSTRAP_SERVERS")).isEqualTo(kafkaInternal);
        assertThat(environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).isEqualTo(kafkaInternal);

        int registryPort = URI.create(environment("schema-registry").get("SCHEMA_REGISTRY_LISTENERS")).getPort();
        assertThat(worker.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("schema.registry.url", "http://schema-registry:" + registryPort);

        Map<String, String> postgres = environment("postgres");
        assertThat(worker.bind("spring.datasource.url", String.class).get())
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(worker.bind("spring.datasource.username", String.class).get()).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(worker.bind("spring.datasource.password", String.class).get()).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void publishesKafkaRegistryAndPostgresOnTheHostWhereApplicationYmlExpectsThem() {
        String bootstrap = defaults.bind("spring.kafka.bootstrap-servers", String.class).get();
        assertThat(listener(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"), "EXTERNAL")).isEqualTo(bootstrap);
        assertThat(ports("kafka")).contains(samePort(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)));

        URI registry = URI.create(defaults.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .get().get("schema.registry.url"));
        assertThat(ports("schema-registry")).contains(samePort(String.valueOf(registry.getPort())));

        URI database = URI.create(defaults.bind("spring.datasource.url", String.class).get().substring("jdbc:".length()));
        assertThat(ports("postgres")).contains(samePort(String.valueOf(database.getPort())));
        assertThat(database.getPath()).isEqualTo("/" + environment("postgres").get("POSTGRES_DB"));
        assertThat(defaults.bind("spring.datasource.username", String.class).get())
                .isEqualTo(environment("postgres").get("POSTGRES_USER"));
    }

    @Test
    void createsExactlyTheTopicsTheWorkerUsesAndTheWorkerLeavesTopicCreationToIt() {
        TopicProperties topics = worker.bindOrCreate("provisioning.topics", TopicProperties.class);
        Map<String, String> init = environment("kafka-init");

        assertThat(Set.of(init.get("TOPICS").trim().split("\\s+"))).containsExactlyInAnyOrder(topics.requests(),
                topics.userCreated(), topics.userCreationFailed(), topics.invitations(), topics.deadLetter());
        assertThat(Integer.parseInt(init.get("PARTITIONS"))).isEqualTo(topics.partitions());
        assertThat(Short.parseShort(init.get("REPLICATION_FACTOR"))).isEqualTo(topics.replicas());
        assertThat(topics.create()).isFalse();
        assertThat(String.valueOf(service("kafka-init").get("command"))).contains("$$TOPICS", "--if-not-exists");
    }

    @Test
    void workerEnvironmentBindsToTheSecurityAndReferenceDataProperties() {
        Map<String, String> keys = worker.bind("provisioning.security.cpr.keys",
                Bindable.mapOf(String.class, String.class)).get();
        assertThat(keys).containsOnlyKeys(worker.bind("provisioning.security.cpr.active-key-id", String.class).get());
        assertThat(worker.bind("provisioning.security.cpr.blind-index-key", String.class).get()).isNotBlank();
        assertThat(worker.bind("provisioning.security.jwe.key-set-path", String.class).isBound()).isTrue();

        String file = worker.bind("provisioning.reference-data.import", String.class).get();
        String mount = volumes("worker").stream().filter(volume -> volume.contains(":" + file + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("No volume mounts " + file));
        assertThat(Path.of(mount.substring(0, mount.indexOf(':')))).isRegularFile();
    }

    @Test
    void workerHealthCheckAndPortMatchTheServerAndTheReadinessProbe() {
        int port = worker.bind("server.port", Integer.class).orElse(8080);
        int managementPort = worker.bind("management.server.port", Integer.class).orElse(port);
        assertThat(managementPort).as("actuator on its own port").isNotEqualTo(port);
        assertThat(ports("worker")).contains(samePort(String.valueOf(port)));
        assertThat(String.valueOf(((Map<?, ?>) service("worker").get("healthcheck")).get("test")))
                .contains("http://localhost:" + managementPort + "/actuator/health/readiness");
        assertThat(worker.bind("management.endpoint.health.probes.enabled", Boolean.class).get()).isTrue();
        assertThat(Path.of("Dockerfile")).content()
                .contains("jarmode=tools", "extract --layers --launcher", "EXPOSE " + port);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) {
        Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String name) {
        return (List<String>) service(name).get("ports");
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(String name) {
        return (List<String>) service(name).get("volumes");
    }

    private static String samePort(String port) {
        return port + ":" + port;
    }

    /** host:port of the named listener in a KAFKA_ADVERTISED_LISTENERS value. */
    private static String listener(String listeners, String name) {
        return Arrays.stream(listeners.split(",")).filter(listener -> listener.startsWith(name + "://"))
                .map(listener -> listener.substring(name.length() + 3)).findFirst()
                .orElseThrow(() -> new AssertionError("No listener " + name + " in " + listeners));
    }
}
