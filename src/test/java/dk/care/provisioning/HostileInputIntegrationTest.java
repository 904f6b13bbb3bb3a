package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dk.care.provisioning.testing.ReportedForm;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Hostile but deserializable requests: each ends in the outcome the rules of docs/design.md §4 give it,
 * is stored verbatim when it is valid (parameters, never concatenated SQL), and leaves the worker
 * consuming.
 */
class HostileInputIntegrationTest extends WorkerIntegrationTest {

    private static final String SQL = "x'); DROP TABLE app_user; --";
    private static final String HTML = "<script>alert(1)</script>";
    private static final ErrorCode[] EVERY_FIELD_INVALID = {ErrorCode.EMAIL_INVALID, ErrorCode.PHONE_MISSING_COUNTRY_CODE, ErrorCode.USERNAME_INVALID,
            ErrorCode.PASSWORD_TOO_WEAK, ErrorCode.ORGANISATION_NOT_FOUND, ErrorCode.DEPARTMENT_NOT_FOUND,
            ErrorCode.ROLE_NOT_FOUND, ErrorCode.UNSUPPORTED_LOCALE};

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private String lastKey = "none";

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                hostile("empty strings everywhere", () -> everyField(""),
                        ErrorCode.REQUIRED_FIELD_MISSING),
                hostile("control characters in the name", () -> Requests.phoneSelfRegistration().setName("Jens\u0007\u001BJensen"),
                        ErrorCode.NAME_INVALID),
                hostile("right-to-left override in the name", () -> Requests.phoneSelfRegistration().setName("Jens\u202Enesnej"),
                        ErrorCode.NAME_INVALID),
                hostile("a 900,000 character name", () -> Requests.phoneSelfRegistration().setName("n".repeat(900_000)),
                        ErrorCode.NAME_INVALID),
                hostile("SQL in every field", () -> everyField(SQL), EVERY_FIELD_INVALID),
                hostile("HTML in every field", () -> everyField(HTML), EVERY_FIELD_INVALID),
                hostile("SQL and HTML in the free-text fields of a valid request", () -> Requests.phoneSelfRegistration()
                        .setName(SQL + HTML).setExternalId(SQL + HTML).setSource(SQL).setRequestedBy(HTML)),
                hostile("a lone surrogate in the name", () -> Requests.phoneSelfRegistration().setName("Ann\uD800e")),
                // PostgreSQL text cannot hold NUL: the record goes to the DLT, the sender hears MALFORMED_MESSAGE.
                hostile("NUL in the external id", () -> Requests.phoneSelfRegistration().setExternalId("HR\u0000-1"),
                        ErrorCode.MALFORMED_MESSAGE),
                // Inside a JWE the NUL reaches only the password hash, which is no text column: accepted.
                hostile("NUL in the encrypted password", () -> Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                        .setUsername("nul." + UUID.randomUUID().toString().substring(0, 8))
                        .setPassword(encrypted("pass\u0000phrase-long")).build())),
                phoneWithoutCountryCode("20123456"), phoneWithoutCountryCode("004520123456"),
                phoneWithoutCountryCode("tel:+4520123456"),
                invalidPhone("+45 2012"), invalidPhone("+452012345678901234"), invalidPhone("+45-20-12-34-56"),
                invalidPhone("+(45) 20123456"), invalidPhone("+45\uFF12\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16"),
                invalidPhone("+"), invalidPhone("++4520123456"), invalidPhone("+000 20123456"),
                invalidPhone("+45 2012 3456 ext. 7"),
                cpr("3102991234"), cpr("2902851234"), cpr("0000000000"), cpr("3213851234"), cpr("ABCDEF1234"),
                cpr("310299-12345"), cpr("31-02-99-1234"),
                hostile("CPR 29 February 2000 (7th digit 4: born in 2000, a leap year)", () -> mitId("2902004" + serial())),
                // Every id is bounded and free of characters that end a log line, recolour a terminal or hide.
                hostile("a newline and ANSI escapes in the requestId", () -> Requests.phoneSelfRegistration()
                        .setRequestId(UUID.randomUUID() + "\n\u001B[31mERROR forged line\u001B[0m\r"), ErrorCode.MALFORMED_MESSAGE),
                hostile("a C1 control sequence introducer in the requestId", () -> Requests.phoneSelfRegistration()
                        .setRequestId(UUID.randomUUID() + "\u009B2J"), ErrorCode.MALFORMED_MESSAGE),
                hostile("an escape sequence in the correlation id", () -> Requests.phoneSelfRegistration()
                        .setCorrelationId("corr\u001B]0;title\u0007"), ErrorCode.MALFORMED_MESSAGE),
                hostile("a right-to-left override in the source", () -> Requests.phoneSelfRegistration()
                        .setSource("hr\u202Ecnys"), ErrorCode.MALFORMED_MESSAGE),
                hostile("a line separator in requestedBy", () -> Requests.phoneSelfRegistration()
                        .setRequestedBy("Anna\u2028Jensen"), ErrorCode.MALFORMED_MESSAGE),
                hostile("a zero-width space in the external id", () -> Requests.phoneSelfRegistration()
                        .setExternalId("HR\u200B-1"), ErrorCode.MALFORMED_MESSAGE),
                hostile("a 900,000 character external id", () -> Requests.phoneSelfRegistration()
                        .setExternalId("x".repeat(900_000)), ErrorCode.MALFORMED_MESSAGE),
                hostile("a 101 character source", () -> Requests.phoneSelfRegistration().setSource("s".repeat(101)),
                        ErrorCode.MALFORMED_MESSAGE),
                hostile("an escape sequence after a supported language in the locale", () -> Requests.phoneSelfRegistration()
                        .setLocale("da-\u001B[31m"), ErrorCode.UNSUPPORTED_LOCALE),
                hostile("a 900,000 character locale starting with a supported language", () -> Requests.phoneSelfRegistration()
                        .setLocale("da" + "-x".repeat(450_000)), ErrorCode.UNSUPPORTED_LOCALE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void answersEveryHostileRequestWithItsOutcomeAndKeepsConsuming(String description, Supplier<CreateUserRequest.Builder> request,
                                                                   List<ErrorCode> expected) {
        CreateUserRequest sent = request.get().build();
        send(sent);

        SpecificRecord outcome = outcomes().awaitOutcome(ReportedForm.of(sent.getRequestId()), SpecificRecord.class);
        if (expected.isEmpty()) {
            assertThat(outcome).isInstanceOfSatisfying(UserCreated.class, created -> {
                assertThat(created.getExternalId()).isEqualTo(sent.getExternalId());
                assertThat(jdbc.sql("select name from app_user where id = ?").param(created.getUserId())
                        .query(String.class).single()).isEqualTo(created.getName());
            });
        } else {
            assertThat(outcome).isInstanceOfSatisfying(UserCreationFailed.class, failed ->
                    assertThat(failed.getErrors().stream().map(ValidationError::getCode).distinct().toList())
                            .containsExactlyInAnyOrderElementsOf(expected));
        }
        // Whether the table exists, not whether it has rows: the first case of a run may meet an empty table.
        assertThat(jdbc.sql("select to_regclass('app_user') is not null").query(Boolean.class).single())
                .as("app_user still there").isTrue();
    }

    @Test
    void sendsARequestWhoseRequestIdHoldsNulToTheDeadLetterTopicWithoutAnOutcome() {
        // No outcome: it could be neither keyed by a storable requestId nor recorded for idempotency.
        CreateUserRequest sent = Requests.phoneSelfRegistration().setRequestId("r\u0000" + UUID.randomUUID()).build();
        send(sent);

        awaitCanaryOnThePartitionOf(sent.getRequestId());
        assertThat(outcomes().values(sent.getRequestId())).isEmpty();
    }

    @Test
    void reportsANineHundredKilobyteRequestIdInItsBoundedFormAndKeepsPublishing() {
        String requestId = "r".repeat(900_000);
        CreateUserRequest sent = Requests.phoneSelfRegistration().setRequestId(requestId).build();
        // Keyed by the id as well, the record would exceed the producer's 1 MB and never reach the topic.
        sendKeyed(UUID.randomUUID().toString(), sent);

        UserCreationFailed failed = outcomes().awaitOutcome(ReportedForm.of(requestId), UserCreationFailed.class);
        assertThat(failed.getRequestId()).isEqualTo(ReportedForm.of(requestId)).hasSizeLessThan(140);
        assertThat(failed.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .containsExactly(tuple(ErrorCode.MALFORMED_MESSAGE, "requestId"));
    }

    @Test
    void refusesANineHundredKilobyteCorrelationIdAndEchoesItInItsBoundedForm() {
        String correlationId = "c".repeat(900_000);
        CreateUserRequest sent = Requests.phoneSelfRegistration().setCorrelationId(correlationId).build();
        send(sent);

        UserCreationFailed failed = outcomes().awaitOutcome(sent.getRequestId(), UserCreationFailed.class);
        assertThat(failed.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .containsExactly(tuple(ErrorCode.MALFORMED_MESSAGE, "correlationId"));
        assertThat(failed.getCorrelationId()).isEqualTo(ReportedForm.of(correlationId)).hasSizeLessThan(140);
    }

    @Test
    void refusesTenMegabyteNameAtTheProducerAndKeepsConsuming() {
        CreateUserRequest huge = Requests.phoneSelfRegistration().setName("n".repeat(10 * 1024 * 1024)).build();

        assertThatThrownBy(() -> send(huge)).hasRootCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void rejectsAUsernameThatDiffersOnlyInCaseFromATakenOne() {
        String username = "Case.Collide." + UUID.randomUUID().toString().substring(0, 8);
        CreateUserRequest first = standardWith(username);
        send(first);
        assertThat(outcomes().awaitOutcome(first.getRequestId(), UserCreated.class).getUsername()).isEqualTo(username.toLowerCase());

        for (String variant : List.of(username.toUpperCase(), username.toLowerCase())) {
            CreateUserRequest collider = standardWith(variant);
            send(collider);
            assertThat(outcomes().awaitOutcome(collider.getRequestId(), UserCreationFailed.class).getErrors())
                    .extracting(ValidationError::getCode).containsExactly(ErrorCode.USERNAME_TAKEN);
        }
    }

    @Override
    protected void send(CreateUserRequest request) {
        sendKeyed(request.getRequestId(), request);
    }

    private void sendKeyed(String key, CreateUserRequest request) {
        lastKey = key;
        kafka.send(topics.requests(), key, request).join();
    }

    @AfterEach
    void workerStillConsumes() {
        assertThat(listeners.getListenerContainer("requests").isRunning()).isTrue();
        awaitCanaryOnThePartitionOf(lastKey);
    }

    /** A valid request behind {@code key} on its partition is processed: that partition keeps flowing. */
    private void awaitCanaryOnThePartitionOf(String key) {
        int partition = partitionOf(key);
        CreateUserRequest canary;
        do {
            canary = Requests.phoneSelfRegistration().build();
        } while (partitionOf(canary.getRequestId()) != partition);
        super.send(canary);
        assertThat(outcomes().awaitOutcome(canary.getRequestId(), UserCreated.class)).isNotNull();
    }

    /** The default partitioner's choice for a key. */
    private int partitionOf(String key) {
        int partitions = kafka.partitionsFor(topics.requests()).size();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static CreateUserRequest standardWith(String username) {
        return Requests.standard("unused").setEmail("case@example.org")
                .setLogin(StandardLogin.newBuilder().setUsername(username)
                        .setPassword(encrypted("a passphrase nobody guesses")).build())
                .build();
    }

    /** A password request with {@code value} in every string field but the requestId. */
    private static CreateUserRequest.Builder everyField(String value) {
        return Requests.standard("unused")
                .setCorrelationId(value).setSource(value).setRequestedBy(value)
                .setOrganisationId(value).setDepartmentId(value).setRoleId(value)
                .setName(value).setEmail(value).setPhone(value).setExternalId(value).setLocale(value)
                .setLogin(StandardLogin.newBuilder().setUsername(value)
                        .setPassword(value.isEmpty() ? value : encrypted(value)).build());
    }

    private static CreateUserRequest.Builder mitId(String cpr) {
        return Requests.mitId("unused").setLogin(MitIdLogin.newBuilder().setCpr(encrypted(cpr)).build());
    }

    private static String serial() {
        return Requests.uniqueCpr().substring(7);
    }

    private static Arguments phoneWithoutCountryCode(String phone) {
        return hostile("phone " + phone, () -> Requests.phoneSelfRegistration().setPhone(phone),
                ErrorCode.PHONE_MISSING_COUNTRY_CODE);
    }

    private static Arguments invalidPhone(String phone) {
        return hostile("phone " + phone, () -> Requests.phoneSelfRegistration().setPhone(phone), ErrorCode.PHONE_INVALID);
    }

    private static Arguments cpr(String cpr) {
        return hostile("CPR " + cpr, () -> mitId(cpr), ErrorCode.CPR_INVALID);
    }

    private static Arguments hostile(String description, Supplier<CreateUserRequest.Builder> request, ErrorCode... expected) {
        return Arguments.of(description, request, Arrays.asList(expected));
    }
}
