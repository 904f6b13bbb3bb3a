package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dk.care.provisioning.security.JweTestSupport;
import dk.care.provisioning.testing.ComposeFile;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.PackagedJar;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed worker: the packaged jar started with exactly the environment of docker-compose.yml's
 * {@code worker} service, with nothing added. The build machine has no Docker, so what the other
 * services and Compose itself would do is done here from the same file: the {@code .env} is filled by
 * running the commands {@code .env.example} gives, the postgres service's database and role are
 * created from its environment, the init container's topics from its list (the broker creates no
 * topic by itself), service names and ports become the test's embedded broker, registry and
 * PostgreSQL and free ports, and mounted files their host paths. A required setting missing from the
 * compose file, a topic missing from the init container or a health check on the wrong port fails it.
 */
class DeployedWorkerIT {

    private static final Logger log = LoggerFactory.getLogger(DeployedWorkerIT.class);
    private static final Path LOG_DIR = Path.of("target", "deployed-worker");
    private static final Pattern READINESS = Pattern.compile("http://localhost:(\\d+)(/\\S*readiness)");
    private static final String PASSWORD = "Vestibule-Marmalade-73";

    @Test
    void theComposeWorkersEnvironmentStartsTheJarWhichProvisionsEveryLoginMethodAndStopsOnSigterm(@TempDir Path operator)
            throws Exception {
        ComposeFile compose = ComposeFile.load(Path.of("docker-compose.yml"));
        Map<String, String> dotEnv = dotEnvAsTheOperatorMakesIt(operator);
        JWKSet producerKeys = JWKSet.load(operator.resolve("secrets/worker-jwks-public.json").toFile());

        try (var infrastructure = new StandaloneInfrastructure(LOG_DIR);
             OutcomeConsumer outcomes = infrastructure.outcomes()) {
            Map<String, String> services = serviceAddresses(compose, infrastructure);
            createDatabaseAsThePostgresImageDoes(compose.environment("postgres", dotEnv), infrastructure);
            createTopicsAsTheInitContainerDoes(compose.environment("kafka-init", dotEnv), services);

            var ports = new PackagedJar.Ports();
            Map<String, String> environment = translate(compose.environment("worker", dotEnv), services,
                    compose.bindMounts("worker", dotEnv), ports);
            long launched = System.nanoTime();
            try (WorkerProcess worker = WorkerProcess.launchJar("compose-worker", LOG_DIR, PackagedJar.path(), environment)) {
                PackagedJar.awaitReady(worker, readinessProbe(compose.healthCheck("worker"), ports));
                log.info("Packaged jar with the compose environment: readiness UP {} ms after launch, {} ms of CPU",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched), worker.cpuTime().toMillis());

                JWK workerKey = producerKeys.getKeys().getFirst();
                CreateUserRequest phone = Requests.phoneSelfRegistration().build();
                CreateUserRequest standard = Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                        .setUsername("deployed." + UUID.randomUUID().toString().substring(0, 8))
                        .setPassword(JweTestSupport.encrypt(PASSWORD, workerKey)).build()).build();
                CreateUserRequest mitId = Requests.mitId("unused").setLogin(MitIdLogin.newBuilder()
                        .setCpr(JweTestSupport.encrypt(Requests.uniqueCpr(), workerKey)).build()).build();
                List.of(phone, standard, mitId).forEach(infrastructure::send);
                infrastructure.flush();

                UserCreated invited = outcomes.awaitOutcome(phone.getRequestId(), UserCreated.class);
                assertThat(invited.getLoginMethod()).isEqualTo(LoginMethod.PHONE_SELF_REGISTRATION);
                assertThat(outcomes.awaitOutcome(standard.getRequestId(), UserCreated.class).getLoginMethod())
                        .isEqualTo(LoginMethod.STANDARD);
                assertThat(outcomes.awaitOutcome(mitId.getRequestId(), UserCreated.class).getLoginMethod())
                        .isEqualTo(LoginMethod.MITID);
                assertThat(smsHandedToTheNotificationService(infrastructure.bootstrapServers(),
                        invited.getInvitationId().toString())).contains("\"to\":\"+4520123456\"");

                PackagedJar.assertStopsCleanlyOnSigterm(worker);
            }
        }
    }

    /**
     * {@code .env.example} with each empty value replaced by what the commands in the comment above it
     * print, and the commands of the other values run for what they make (the JWE key set), in the
     * operator's directory. Only the build itself is skipped: the jar is built already.
     */
    private static Map<String, String> dotEnvAsTheOperatorMakesIt(Path operator) throws Exception {
        Files.createSymbolicLink(operator.resolve("target"), Path.of("target").toAbsolutePath());
        Map<String, String> dotEnv = new LinkedHashMap<>();
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            if (line.startsWith("#   ")) {
                String command = line.substring(1).strip();
                boolean continued = !commands.isEmpty() && commands.getLast().endsWith("\\");
                commands.add(continued ? commands.removeLast().replaceFirst("\\\\$", "") + command : command);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String name = line.substring(0, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1);
                String printed = "";
                for (String command : commands) {
                    if (!command.startsWith("./mvnw")) {
                        printed = bash(operator, command);
                    }
                }
                dotEnv.put(name, value.isEmpty() ? printed : value.startsWith("./") ? operator.resolve(value).toString() : value);
                commands.clear();
            }
        }
        return dotEnv;
    }

    /** Runs a documented command as an operator's shell would, with this JVM's JDK first on the PATH. */
    private static String bash(Path directory, String command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder("bash", "-c", "set -eo pipefail; " + command).directory(directory.toFile());
        String javaBin = ProcessHandle.current().info().command().map(java -> Path.of(java).getParent().toString())
                .orElseThrow();
        builder.environment().put("PATH", javaBin + File.pathSeparator + System.getenv("PATH"));
        Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as("exit code of: " + command).isZero();
        return output;
    }

    /** What each service's name and port stand for here, e.g. kafka:19092 for the embedded broker. */
    private static Map<String, String> serviceAddresses(ComposeFile compose, StandaloneInfrastructure infrastructure) {
        Map<String, String> kafka = compose.environment("kafka", Map.of());
        String internal = kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME") + "://";
        String advertised = List.of(kafka.get("KAFKA_ADVERTISED_LISTENERS").split(",")).stream()
                .filter(listener -> listener.startsWith(internal)).findFirst().orElseThrow().substring(internal.length());
        URI registryListener = URI.create(compose.environment("schema-registry", Map.of()).get("SCHEMA_REGISTRY_LISTENERS"));
        return Map.of(
                advertised, infrastructure.bootstrapServers(),
                "schema-registry:" + registryListener.getPort(), URI.create(infrastructure.registry().url()).getAuthority(),
                // The postgres image listens on PostgreSQL's standard port.
                "postgres:5432", "localhost:" + infrastructure.database().port());
    }

    private static void createDatabaseAsThePostgresImageDoes(Map<String, String> postgres,
                                                             StandaloneInfrastructure infrastructure) {
        String user = postgres.get("POSTGRES_USER");
        infrastructure.jdbc().sql("create role \"" + user + "\" login password '"
                + postgres.get("POSTGRES_PASSWORD").replace("'", "''") + "'").update();
        infrastructure.jdbc().sql("create database \"" + postgres.get("POSTGRES_DB") + "\" owner \"" + user + "\"").update();
    }

    private static void createTopicsAsTheInitContainerDoes(Map<String, String> init, Map<String, String> services)
            throws Exception {
        String bootstrap = services.get(init.get("BOOTSTRAP_SERVERS"));
        assertThat(bootstrap).as("kafka-init's BOOTSTRAP_SERVERS names the broker's internal listener").isNotNull();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(init.get("TOPICS").trim().split("\\s+")).stream()
                    .map(topic -> new NewTopic(topic, Integer.parseInt(init.get("PARTITIONS")),
                            Short.parseShort(init.get("REPLICATION_FACTOR"))))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Service addresses to their stand-ins, ports to free ports, mounted files to their host paths. */
    private static Map<String, String> translate(Map<String, String> environment, Map<String, String> services,
                                                 Map<String, Path> mounts, PackagedJar.Ports ports) {
        Map<String, String> translated = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String local = name.endsWith("SERVER_PORT") ? String.valueOf(ports.of(Integer.parseInt(value))) : value;
            for (Map.Entry<String, String> service : services.entrySet()) {
                local = local.replace(service.getKey(), service.getValue());
            }
            translated.put(name, mounts.containsKey(local) ? mounts.get(local).toString() : local);
        });
        return translated;
    }

    private static URI readinessProbe(String healthCheck, PackagedJar.Ports ports) {
        Matcher probe = READINESS.matcher(healthCheck);
        assertThat(probe.find()).as("the worker's health check calls the readiness probe: " + healthCheck).isTrue();
        return URI.create("http://localhost:" + ports.of(Integer.parseInt(probe.group(1))) + probe.group(2));
    }

    /** The JSON the Kafka SMS provider put on the SMS topic for this invitation. */
    private static String smsHandedToTheNotificationService(String bootstrapServers, String invitationId) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "notification-service-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("user-provisioning.sms.v1"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(record -> invitationId.equals(record.key()));
            });
            return received.stream().filter(record -> invitationId.equals(record.key())).findFirst().orElseThrow().value();
        }
    }
}
