package dk.care.provisioning.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.PackagedJar;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The "run the jar against the embedded default" block of {@code docs/operations.md}, as written: the embedded default
 * with the arguments of terminal 1, the packaged jar with exactly the environment of terminal 2, the
 * readiness probe of terminal 3. Only the documented ports are replaced, by free ones, so the test
 * runs beside anything else on the machine.
 */
class ReadmeJarCommandIT {

    private static final Logger log = LoggerFactory.getLogger(ReadmeJarCommandIT.class);
    private static final Path LOG_DIR = Path.of("target", "readme-jar");
    private static final Pattern EMBEDDED_ARGUMENTS = Pattern.compile("-Dspring-boot\\.run\\.arguments=\"([^\"]*)\"");
    private static final Pattern LOCAL_PORT = Pattern.compile("localhost:(\\d+)");
    private static final String PASSWORD = "Vestibule-Marmalade-73";

    private final PackagedJar.Ports ports = new PackagedJar.Ports();

    @Test
    void theDocumentedJarJoinsTheEmbeddedDefaultProvisionsEveryLoginMethodAndSharesItsKeys() throws Exception {
        Block block = Block.read(Path.of("docs", "operations.md"), "## Run against your own infrastructure");
        assertThat(block.jar().getFileName()).isEqualTo(PackagedJar.path().getFileName());

        try (ConfigurableApplicationContext embedded = LocalWorkerApplication.run(embeddedArguments(block))
                .getApplicationContext()) {
            long launched = System.nanoTime();
            try (WorkerProcess jar = WorkerProcess.launchJar("readme-jar", LOG_DIR, PackagedJar.path(),
                    translated(block.environment()))) {
                PackagedJar.awaitReady(jar, URI.create("http://" + translatedPorts(block.readinessProbe())));
                log.info("Packaged jar with the documented environment: readiness UP {} ms after launch, {} ms of CPU",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched), jar.cpuTime().toMillis());

                // From here on only the jar consumes requests.
                embedded.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("requests").stop();
                provisionsEveryLoginMethodReadablyByTheEmbeddedWorker(embedded);

                PackagedJar.assertStopsCleanlyOnSigterm(jar);
            }

            Map<String, String> withoutTokenKeys = translated(block.environment());
            withoutTokenKeys.remove("PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_KEYS");
            try (WorkerProcess jar = WorkerProcess.launchJar("readme-jar-without-token-keys", LOG_DIR,
                    PackagedJar.path(), withoutTokenKeys)) {
                assertThat(jar.awaitExit(Duration.ofMinutes(3))).isEqualTo(1);
                assertThat(jar.log()).contains("APPLICATION FAILED TO START",
                        "set PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_KEYS to <key id>:<key>, "
                                + "the key from 'openssl rand -base64 32'");
            }
        }
    }

    private void provisionsEveryLoginMethodReadablyByTheEmbeddedWorker(ConfigurableApplicationContext embedded) {
        String bootstrapServers = embedded.getBean(EmbeddedKafkaServer.class).bootstrapServers();
        String registryUrl = embedded.getBean(LocalSchemaRegistryServer.class).url();
        HrSystemEncryption secrets = HrSystemEncryption.toPublicKeysOf(DemoJweKeySet.PUBLIC_KEY_SET_FILE);
        String cpr = Requests.uniqueCpr();
        CreateUserRequest phone = Requests.phoneSelfRegistration().build();
        CreateUserRequest standard = Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                .setUsername("readme." + UUID.randomUUID().toString().substring(0, 8))
                .setPassword(secrets.password(PASSWORD)).build()).build();
        CreateUserRequest mitId = Requests.mitId("unused")
                .setLogin(MitIdLogin.newBuilder().setCpr(secrets.cpr(cpr)).build()).build();

        try (KafkaProducer<String, Object> producer = StandaloneInfrastructure.requestProducer(bootstrapServers, registryUrl);
             var outcomes = new OutcomeConsumer(bootstrapServers, registryUrl,
                     List.of(StandaloneInfrastructure.USER_CREATED, StandaloneInfrastructure.USER_CREATION_FAILED))) {
            List.of(phone, standard, mitId).forEach(request ->
                    producer.send(new ProducerRecord<>(StandaloneInfrastructure.REQUESTS, request.getRequestId(), request)));
            producer.flush();

            UserCreated invited = outcomes.awaitOutcome(phone.getRequestId(), UserCreated.class);
            outcomes.awaitOutcome(standard.getRequestId(), UserCreated.class);
            UserCreated mitIdUser = outcomes.awaitOutcome(mitId.getRequestId(), UserCreated.class);

            JdbcClient database = JdbcClient.create(embedded.getBean(DataSource.class));
            String ciphertext = database.sql("select cpr_ciphertext from mitid_identity where user_id = ?")
                    .param(mitIdUser.getUserId()).query(String.class).single();
            assertThat(embedded.getBean(CprProtector.class).decrypt(ciphertext)).isEqualTo(Secret.of(cpr));
            // Either worker may send it; both must decrypt the token the jar stored.
            await().atMost(Duration.ofSeconds(60)).until(() -> database.sql("select status from invitation where id = ?")
                    .param(invited.getInvitationId()).query(String.class).single(), "SENT"::equals);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Terminal 1's arguments, its ports and the embedded default's other fixed ports made free ones. */
    private String[] embeddedArguments(Block block) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--provisioning.dev.kafka-port", String.valueOf(EmbeddedKafkaServer.DEFAULT_PORT));
        arguments.put("--provisioning.dev.kafka-controller-port", String.valueOf(EmbeddedKafkaServer.DEFAULT_CONTROLLER_PORT));
        arguments.put("--provisioning.dev.registry-port", "8081");
        arguments.put("--server.port", "8080");
        arguments.put("--management.server.port", "8090");
        for (String argument : block.embeddedArguments()) {
            arguments.put(argument.substring(0, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        List<String> translated = new ArrayList<>();
        arguments.forEach((name, value) -> translated.add(name + "="
                + (name.endsWith("port") ? String.valueOf(ports.of(Integer.parseInt(value))) : value)));
        return translated.toArray(String[]::new);
    }

    private Map<String, String> translated(Map<String, String> environment) {
        Map<String, String> translated = new LinkedHashMap<>();
        environment.forEach((name, value) -> translated.put(name,
                name.endsWith("_PORT") ? String.valueOf(ports.of(Integer.parseInt(value))) : translatedPorts(value)));
        return translated;
    }

    private String translatedPorts(String value) {
        return LOCAL_PORT.matcher(value).replaceAll(port -> "localhost:" + ports.of(Integer.parseInt(port.group(1))));
    }

    /** The first bash block of a documented section: terminal 1's arguments, terminal 2's environment and jar, terminal 3's URL. */
    private record Block(List<String> embeddedArguments, Map<String, String> environment, Path jar, String readinessProbe) {

        static Block read(Path document, String heading) throws IOException {
            String text = Files.readString(document);
            String section = text.substring(text.indexOf(heading));
            int start = section.indexOf("```bash") + "```bash".length();
            List<String> commands = section.substring(start, section.indexOf("```", start)).replace("\\\n", " ")
                    .lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

            Matcher arguments = EMBEDDED_ARGUMENTS.matcher(command(commands, "./mvnw spring-boot:test-run"));
            assertThat(arguments.find()).isTrue();
            List<String> words = List.of(command(commands, "SPRING_").split("\\s+"));
            int java = words.indexOf("java");
            assertThat(words.subList(java, words.size() - 1)).containsExactly("java", "-jar");
            Map<String, String> environment = new LinkedHashMap<>();
            for (String assignment : words.subList(0, java)) {
                environment.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
            return new Block(List.of(arguments.group(1).split("\\s+")), environment, Path.of(words.getLast()),
                    command(commands, "curl").replaceFirst("curl -s ", ""));
        }

        private static String command(List<String> commands, String prefix) {
            return commands.stream().filter(command -> command.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("No command starting with " + prefix));
        }
    }
}
