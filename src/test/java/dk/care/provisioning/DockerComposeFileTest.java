package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.config.RetentionProperties;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.testing.ComposeFile;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * What of docker-compose.yml only Docker would run: volumes, restart policies, health checks, the
 * topics of the init container, the host ports, the secrets file and the image. The worker's own
 * environment is proven by DeployedWorkerIT, which starts the packaged jar with it.
 */
class DockerComposeFileTest {

    private static final Set<String> LONG_RUNNING = Set.of("kafka", "schema-registry", "postgres", "worker");

    private static ComposeFile compose;
    private static Map<String, String> placeholders;

    @BeforeAll
    static void load() {
        compose = ComposeFile.load(Path.of("docker-compose.yml"));
        placeholders = compose.variables().keySet().stream()
                .collect(Collectors.toMap(name -> name, name -> "./placeholder-" + name.toLowerCase()));
    }

    @Test
    void keepsKafkasAndPostgresDataInTheirVolumes() {
        // The apache/kafka image writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says otherwise.
        Map<String, String> kafka = compose.environment("kafka", placeholders);
        assertThat(kafka.get("KAFKA_LOG_DIRS")).isEqualTo(compose.namedVolumes("kafka").get("kafka-data"));
        assertThat(kafka.get("CLUSTER_ID")).as("fixed, so a recreated container accepts its formatted volume")
                .matches("[A-Za-z0-9_-]{22}");
        assertThat(compose.namedVolumes("postgres")).containsEntry("postgres-data", "/var/lib/postgresql/data");
    }

    @Test
    void restartsAndHealthChecksTheLongRunningServicesWhileTheWorkerWaitsForTheRest() {
        assertThat(compose.serviceNames()).containsExactlyInAnyOrder("kafka", "kafka-init", "schema-registry",
                "postgres", "worker");
        for (String name : LONG_RUNNING) {
            assertThat(compose.service(name).get("restart")).as(name).isEqualTo("unless-stopped");
            assertThat(compose.healthCheck(name)).as(name).isNotBlank();
        }
        assertThat(compose.service("kafka-init").get("restart")).isEqualTo("no");
        assertThat(compose.service("worker").get("depends_on")).asString()
                .contains("kafka-init={condition=service_completed_successfully}",
                        "schema-registry={condition=service_healthy}", "postgres={condition=service_healthy}");
    }

    @Test
    void createsEveryTopicTheWorkerIsConfiguredWith() {
        TopicProperties topics = workerConfiguration().bindOrCreate("provisioning.topics", TopicProperties.class);
        Map<String, String> init = compose.environment("kafka-init", placeholders);
        Set<String> created = Set.of(init.get("TOPICS").trim().split("\\s+"));

        // Every String of TopicProperties is a topic name, so a topic added there must be added here.
        for (RecordComponent component : TopicProperties.class.getRecordComponents()) {
            if (component.getType() == String.class) {
                assertThat(created).as(component.getName()).contains(topic(topics, component));
            }
        }
        // Created as the worker would create them: the outcomes age out, the users topic is compacted.
        RetentionProperties retention = workerConfiguration().bindOrCreate("provisioning.retention",
                RetentionProperties.class);
        assertThat(init.get("OUTCOME_TOPICS").trim().split("\\s+")).containsExactlyInAnyOrder(topics.userCreated(),
                topics.userCreationFailed(), topics.invitations(), topics.userActivated(), topics.userChanged(),
                topics.userChangeFailed());
        assertThat(Long.parseLong(init.get("OUTCOME_RETENTION_MS"))).isEqualTo(retention.outcomeTopics().toMillis());
        assertThat(init.get("COMPACTED_TOPICS").trim()).isEqualTo(topics.users());
        assertThat(Integer.parseInt(init.get("PARTITIONS"))).isEqualTo(topics.partitions());
        assertThat(Short.parseShort(init.get("REPLICATION_FACTOR"))).isEqualTo(topics.replicas());
        assertThat(topics.create()).isFalse();
    }

    @Test
    void publishesKafkaRegistryAndPostgresOnTheHostWhereApplicationYmlExpectsThem() {
        Binder defaults = new Binder(ConfigurationPropertySources.from(applicationYml()));
        String bootstrap = defaults.bind("spring.kafka.bootstrap-servers", String.class).get();
        assertThat(compose.environment("kafka", placeholders).get("KAFKA_ADVERTISED_LISTENERS")).contains("://" + bootstrap);
        assertThat(compose.ports("kafka")).contains(samePort(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)));

        URI registry = URI.create(defaults.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .get().get("schema.registry.url"));
        assertThat(compose.ports("schema-registry")).contains(samePort(String.valueOf(registry.getPort())));

        Map<String, String> postgres = compose.environment("postgres", placeholders);
        URI database = URI.create(defaults.bind("spring.datasource.url", String.class).get().substring("jdbc:".length()));
        assertThat(compose.ports("postgres")).contains(samePort(String.valueOf(database.getPort())));
        assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(defaults.bind("spring.datasource.username", String.class).get()).isEqualTo(postgres.get("POSTGRES_USER"));
    }

    @Test
    void envExampleListsEveryVariableOfTheFileEachWithAComment() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".env.example"));
        assertThat(ComposeFile.readEnvFile(Path.of(".env.example")).keySet())
                .containsExactlyInAnyOrderElementsOf(compose.variables().keySet());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) {
                assertThat(lines.get(i - 1)).as("comment above " + lines.get(i)).startsWith("#");
            }
        }
        assertThat(Path.of(".gitignore")).content().contains(".env\n", "secrets/\n");
        assertThat(Path.of(".dockerignore")).content().contains(".env\n", "secrets\n");
    }

    @Test
    void buildsALayeredImageExposingTheWorkersPorts() {
        Map<String, String> worker = compose.environment("worker", placeholders);
        assertThat(Path.of("Dockerfile")).content().contains("jarmode=tools", "extract --layers --launcher",
                "EXPOSE " + worker.get("SERVER_PORT") + " " + worker.get("MANAGEMENT_SERVER_PORT"));
        assertThat(compose.ports("worker")).contains(samePort(worker.get("SERVER_PORT")),
                samePort(worker.get("MANAGEMENT_SERVER_PORT")));
    }

    /** The worker's environment over application.yml, bound as Spring Boot binds them. */
    private static Binder workerConfiguration() {
        List<PropertySource<?>> sources = new ArrayList<>();
        // Named as the real one, so Boot applies its environment variable mapping rules to it.
        sources.add(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<>(compose.environment("worker", placeholders))));
        sources.addAll(applicationYml());
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static List<PropertySource<?>> applicationYml() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String topic(TopicProperties topics, RecordComponent component) {
        try {
            return (String) component.getAccessor().invoke(topics);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String samePort(String port) {
        return port + ":" + port;
    }
}
