package dk.care.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.jwk.RSAKey;
import dk.care.provisioning.registry.ConfluentAvroSerializer;
import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.ReportedForm;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.invitation.FakeSmsGateway;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * docs/design.md §3: no event, log line or stored row holds a password, CPR number, invitation token or
 * token hash. One run covers every login method and every error code, with all logs captured (the
 * worker's own at DEBUG) and every record of the outcome, invitation and dead-letter topics read raw;
 * another sends the redemption API bodies that a parser chokes on while quoting them.
 */
// A context of its own, which no other class shares: closed after the class, so that its broker, database
// and pollers take no CPU from the classes after it.
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class NoSecretLeakIntegrationTest extends WorkerIntegrationTest {

    private static final FakeSmsGateway SMS_GATEWAY = new FakeSmsGateway();

    @LocalServerPort
    private int port;

    /**
     * Invitations go out through an HTTP gateway, as in production: the embedded default's log
     * provider prints links by design, so it has no place in a run that proves no log line holds a token.
     */
    @DynamicPropertySource
    static void productionSmsProvider(DynamicPropertyRegistry properties) {
        properties.add("provisioning.invitations.provider.type", () -> "http");
        properties.add("provisioning.invitations.provider.http.url", SMS_GATEWAY::url);
    }

    private static final Pattern BASE64URL_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    /** Plaintext secrets sent (in every spelling that must not reappear) and refused raw inputs. */
    private final Set<String> forbidden = new ConcurrentSkipListSet<>();
    /** How many times each requestId was sent: each sending gets its own outcome. */
    private final Map<String, Integer> sent = new LinkedHashMap<>();

    @Test
    void runOverEveryLoginMethodAndErrorCodeLeaksNoSecretIntoLogsEventsOrTables(CapturedOutput output) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> published = new CopyOnWriteArrayList<>();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String poisonKey = UUID.randomUUID().toString();
        byte[] poison;
        try (CapturedLogs logs = CapturedLogs.start("dk.care", "org.springframework.kafka");
             var reader = new RawReader(published)) {
            String username = "leak." + id;
            String cpr = Requests.uniqueCpr();
            // Under 100 characters, so that only its control characters make it unusable as an idempotency key.
            String forgedLine = "ERROR d.c.p.user.ProvisioningService : forged " + id;
            String forgingRequestId = "forging-" + id + "\n" + forgedLine + "\u001B[31m";
            CreateUserRequest standard = standard(username, "first secret phrase " + id).setExternalId("HR-" + id).build();
            List<CreateUserRequest> firstWave = List.of(
                    Requests.phoneSelfRegistration().build(),
                    standard,
                    mitId(dashed(cpr)).build(),
                    standard("missing.email." + id, "third secret phrase " + id).setEmail(null).build(),
                    Requests.phoneSelfRegistration().setPhone("20123456").build(),
                    Requests.phoneSelfRegistration().setPhone("+45123").build(),
                    standard("bad.email." + id, "fourth secret phrase " + id).setEmail("a@b").build(),
                    Requests.phoneSelfRegistration().setName("x".repeat(201)).build(),
                    standard(" with space " + id, "fifth secret phrase " + id).build(),
                    standard("weak." + id, "weak." + id + "!2024").build(),
                    mitId("310285" + cpr.substring(6)).build(),
                    Requests.phoneSelfRegistration().setOrganisationId("no-such-org").build(),
                    Requests.phoneSelfRegistration().setRoleId("demo-care.admin").build(),
                    mitId(Requests.uniqueCpr()).setOrganisationId("demo-omsorg").setDepartmentId("demo-omsorg.hemtjanst")
                            .setRoleId("demo-omsorg.caregiver").build(),
                    Requests.phoneSelfRegistration().setLocale("fr").build(),
                    Requests.standard("unused").setLogin(StandardLogin.newBuilder().setUsername("plain." + id)
                            .setPassword(refused("plaintext secret phrase " + id)).build()).build(),
                    Requests.mitId("unused").setLogin(MitIdLogin.newBuilder().setCpr(refused(dashed(Requests.uniqueCpr())))
                            .build()).build(),
                    Requests.standard("unused").setLogin(StandardLogin.newBuilder().setUsername("stranger." + id)
                            .setPassword(refused(encryptedToAStranger("stranger secret phrase " + id))).build()).build(),
                    Requests.mitId("unused").setLogin(MitIdLogin.newBuilder()
                            .setCpr(refused("eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.AAAA.BBBB.CCCC." + id)).build()).build(),
                    Requests.phoneSelfRegistration().setRequestId("r".repeat(101)).build(),
                    Requests.phoneSelfRegistration().setRequestId(forgingRequestId).build());
            firstWave.forEach(this::sendAndRemember);
            poison = truncated(Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                    .setUsername("poison." + id).setPassword(refused("poison secret phrase " + id)).build()).build());
            produceRaw(poisonKey, poison);
            awaitAnOutcomePerSending();

            List<CreateUserRequest> secondWave = List.of(
                    standard(username.toUpperCase(), "second secret phrase " + id).build(),
                    mitId(cpr).build(),
                    Requests.phoneSelfRegistration().setExternalId("HR-" + id).build(),
                    CreateUserRequest.newBuilder(standard).setName("Someone Else").build());
            secondWave.forEach(this::sendAndRemember);

            awaitAnOutcomePerSending();
            assertThat(outcomes().awaitOutcome(poisonKey, UserCreationFailed.class)).isNotNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> published.stream()
                    .map(NoSecretLeakIntegrationTest::key).collect(Collectors.toSet())
                    .containsAll(keysOfAllOutcomes(poisonKey)));

            assertCoversEveryLoginMethodAndErrorCode(poisonKey);
            List<String> logText = logs.events();
            assertThat(String.join("\n", logText)).as("the capture sees the worker's log of each request")
                    .contains(sent.keySet().stream().filter(requestId -> requestId.length() <= 100
                            && ReportedForm.of(requestId).equals(requestId)).toList());
            assertNoForgedLine(forgedLine, logText);
            assertNoForgedLine(forgedLine, List.of(output.getAll()));

            Set<String> tokenHashes = Set.copyOf(jdbc.sql("select token_hash from invitation").query(String.class).list());
            assertThat(tokenHashes).isNotEmpty();
            List<String> everywhere = new ArrayList<>(logText);
            everywhere.add(output.getAll());
            published.forEach(record -> everywhere.add(render(record, !topics.deadLetter().equals(record.topic()))));
            for (String text : everywhere) {
                assertNoSecretIn(text, tokenHashes);
            }
            assertThat(published).filteredOn(record -> poisonKey.equals(key(record)) && topics.deadLetter().equals(record.topic()))
                    .singleElement().satisfies(dead -> assertThat(dead.value()).isEqualTo(poison));
            assertNoSecretInTables();
        }
    }

    /** A requestId holding a newline and an escape sequence must not start a line or recolour the terminal. */
    private static void assertNoForgedLine(String forgedLine, List<String> logs) {
        for (String log : logs) {
            assertThat(log.split("[\r\n]")).as("log lines").noneMatch(line -> line.startsWith(forgedLine));
            assertThat(log).doesNotContain("\u001B[31m");
        }
    }

    @Test
    void malformedRedemptionBodiesLeakNeitherTokenNorPasswordIntoLogsOrAnswers(CapturedOutput output) throws Exception {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString()
                .substring(0, 32).getBytes(StandardCharsets.US_ASCII));
        String password = "unquoted-secret-phrase-" + UUID.randomUUID().toString().substring(0, 8);
        String tokenField = "\"token\":\"" + token + "\"";
        List<String> bodies = List.of(
                "{\"token\":" + token + "}",
                "{" + tokenField + ",\"username\":\"leak.http\",\"password\":" + password + "}",
                "{" + tokenField + ",\"username\":\"leak.http\",\"password\":\"" + password,
                "{" + tokenField + ",\"username\":\"leak.http\",\"password\":\"" + password + "\",",
                "{\"token\":[\"" + token + "\"],\"username\":\"leak.http\",\"password\":{\"p\":\"" + password + "\"}}",
                "{\"token\":" + token + password + "}",
                "{'token':'" + token + "','password':'" + password + "'}",
                "{" + tokenField + ",\"password\":\"" + password + "\"}}");
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<String>> answers = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start("dk.care", "org.springframework.web", "org.springframework.http",
                "tools.jackson")) {
            for (String path : List.of("/api/invitations/lookup", "/api/invitations/redeem")) {
                for (String body : bodies) {
                    answers.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
                }
            }
            assertThat(String.join("\n", logs.events())).as("the capture sees the requests")
                    .contains("/api/invitations/lookup", "/api/invitations/redeem");
            everything.addAll(logs.events());
        }
        everything.add(output.getAll());
        answers.forEach(answer -> everything.add(answer.body()));
        for (String text : everything) {
            assertThat(text).doesNotContain(token).doesNotContain(password);
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(400));
    }

    private void assertNoSecretIn(String text, Set<String> tokenHashes) {
        for (String secret : forbidden) {
            assertThat(text).doesNotContain(secret);
        }
        for (String hash : tokenHashes) {
            assertThat(text).doesNotContain(hash);
        }
        // The token itself is never known to the test: anything shaped like one must not hash to a stored hash.
        Matcher candidates = BASE64URL_TOKEN.matcher(text);
        while (candidates.find()) {
            assertThat(tokenHashes).as("an invitation token in the output").doesNotContain(sha256(candidates.group()));
        }
    }

    private void assertNoSecretInTables() {
        for (String table : List.of("app_user", "password_credential", "mitid_identity", "invitation",
                "processed_request", "outbox_message", "audit_entry")) {
            for (Map<String, Object> row : jdbc.sql("select * from " + table).query().listOfRows()) {
                String values = row.values().stream().map(NoSecretLeakIntegrationTest::text).collect(Collectors.joining("|"));
                for (String secret : forbidden) {
                    assertThat(values).as("a row of " + table).doesNotContain(secret);
                }
            }
        }
    }

    private void assertCoversEveryLoginMethodAndErrorCode(String poisonKey) {
        Set<LoginMethod> methods = EnumSet.noneOf(LoginMethod.class);
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        List<String> keys = new ArrayList<>(sent.keySet());
        keys.add(poisonKey);
        for (String requestId : keys) {
            for (Object outcome : outcomes().values(ReportedForm.of(requestId))) {
                switch (outcome) {
                    case UserCreated created -> methods.add(created.getLoginMethod());
                    case UserCreationFailed failed -> failed.getErrors().stream().map(ValidationError::getCode).forEach(codes::add);
                    default -> throw new AssertionError("unexpected outcome " + outcome.getClass());
                }
            }
        }
        assertThat(methods).containsExactlyInAnyOrder(LoginMethod.values());
        // The codes of changes (docs/lifecycle.md) never answer a creation.
        assertThat(codes).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(ErrorCode.USER_NOT_FOUND,
                ErrorCode.VERSION_CONFLICT, ErrorCode.USER_ERASED, ErrorCode.NOT_DEACTIVATED,
                ErrorCode.SCHEDULE_NOT_FOUND)));
    }

    /** As {@link #key} reads them: the reported form of each requestId, its UTF-8 bytes as Latin-1. */
    private Set<String> keysOfAllOutcomes(String poisonKey) {
        Set<String> keys = new HashSet<>();
        sent.keySet().forEach(requestId -> keys.add(text(ReportedForm.of(requestId).getBytes(StandardCharsets.UTF_8))));
        keys.add(poisonKey);
        return keys;
    }

    private void awaitAnOutcomePerSending() {
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.entrySet().stream()
                .allMatch(sending -> outcomes().values(ReportedForm.of(sending.getKey())).size() >= sending.getValue()));
    }

    private void sendAndRemember(CreateUserRequest request) {
        sent.merge(request.getRequestId(), 1, Integer::sum);
        send(request);
    }

    private CreateUserRequest.Builder standard(String username, String password) {
        return Requests.standard("unused")
                .setLogin(StandardLogin.newBuilder().setUsername(username).setPassword(secret(password)).build());
    }

    private CreateUserRequest.Builder mitId(String cpr) {
        return Requests.mitId("unused").setLogin(MitIdLogin.newBuilder().setCpr(secret(cpr)).build());
    }

    /** Encrypted to the worker, as an HR system sends it; the plaintext is forbidden in every output. */
    private String secret(String plaintext) {
        forbid(plaintext);
        return encrypted(plaintext);
    }

    /** Sent as is and refused by the worker: neither the value nor what it hides may be echoed. */
    private String refused(String value) {
        forbid(value);
        return value;
    }

    private void forbid(String value) {
        forbidden.add(value);
        String digits = value.replace("-", "");
        if (digits.matches("\\d{10}")) {
            forbidden.add(digits);
            forbidden.add(dashed(digits));
        }
    }

    private String encryptedToAStranger(String plaintext) throws Exception {
        String workerKid = JWEObject.parse(encrypted("kid probe")).getHeader().getKeyID();
        RSAKey stranger = JweTestSupport.rsaKey(workerKid);
        forbid(plaintext);
        return JweTestSupport.encrypt(plaintext, stranger.toPublicJWK());
    }

    private static String dashed(String cpr) {
        String digits = cpr.replace("-", "");
        return digits.substring(0, 6) + "-" + digits.substring(6);
    }

    /** Wire-format bytes of a request, cut before its last byte: the envelope reads, the body does not. */
    private byte[] truncated(CreateUserRequest request) {
        try (var serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registryUrl()), false);
            byte[] bytes = serializer.serialize(topics.requests(), request);
            return Arrays.copyOf(bytes, bytes.length - 1);
        }
    }

    private void produceRaw(String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.requests(), key, value)).get();
        }
    }

    /** Key, value (unless it is the dead letter's original bytes, published as sent by contract) and headers. */
    private static String render(ConsumerRecord<byte[], byte[]> record, boolean withValue) {
        var text = new StringBuilder(record.topic()).append('|').append(key(record));
        if (withValue) {
            text.append('|').append(text(record.value()));
        }
        for (Header header : record.headers()) {
            text.append('|').append(header.key()).append('=').append(text(header.value()));
        }
        return text.toString();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return text(record.key());
    }

    // Latin-1 maps every byte to one char, so ASCII secrets inside Avro or serialized Java stay findable.
    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every record of the published topics, from the beginning, as raw bytes. */
    private final class RawReader implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread poller;
        private volatile boolean running = true;

        RawReader(List<ConsumerRecord<byte[], byte[]>> into) {
            consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "leak-reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(topics.userCreated(), topics.userCreationFailed(), topics.invitations(),
                    topics.deadLetter()));
            poller = Thread.ofPlatform().name("leak-reader").daemon().start(() -> {
                try {
                    while (running) {
                        consumer.poll(Duration.ofMillis(100)).forEach(into::add);
                    }
                } catch (org.apache.kafka.common.errors.WakeupException ignored) {
                    // closing
                } finally {
                    consumer.close();
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            poller.join(5_000);
        }
    }
}
