package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import dk.care.provisioning.v1.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** A request on Kafka becomes a user in PostgreSQL and one outcome event, for every method and every error code. */
class ProvisioningFlowIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    /** Every plaintext secret this class sent; none may appear in any event. */
    private static final List<String> SECRETS_SENT = new CopyOnWriteArrayList<>();

    @Test
    void createsPhoneSelfRegistrationUserPendingWithAnInvitation() {
        CreateUserRequest request = Requests.phoneSelfRegistration().setPhone("+45 20 12 34 56").build();
        send(request);

        UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
        assertThat(created.getLoginMethod()).isEqualTo(LoginMethod.PHONE_SELF_REGISTRATION);
        assertThat(created.getStatus()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(created.getPhone()).isEqualTo("+4520123456");
        assertThat(created.getCorrelationId()).isEqualTo(request.getCorrelationId());
        assertThat(created.getInvitationId()).isNotNull();

        Map<String, Object> user = userRow(created.getUserId());
        assertThat(user).containsEntry("status", "PENDING_SELF_REGISTRATION").containsEntry("locale", "da")
                .containsEntry("request_id", request.getRequestId());
        assertThat(jdbc.sql("select status, phone, token_hash from invitation where id = ?")
                .param(created.getInvitationId()).query().singleRow())
                // PENDING until the dispatcher sent it, which may already have happened.
                .hasEntrySatisfying("status", status -> assertThat(status).isIn("PENDING", "SENT"))
                .containsEntry("phone", "+4520123456")
                .hasEntrySatisfying("token_hash", hash -> assertThat((String) hash).hasSize(64));
    }

    @Test
    void createsStandardUserWithArgon2idHashAndLowercasedUsername() {
        String password = "a long and private passphrase";
        CreateUserRequest request = Requests.standard("unused").setLogin(StandardLogin.newBuilder()
                .setUsername("Nurse.Nielsen-" + shortId()).setPassword(secret(password)).build()).build();
        send(request);

        UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
        assertThat(created.getLoginMethod()).isEqualTo(LoginMethod.STANDARD);
        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(created.getUsername()).isEqualTo(
                ((StandardLogin) request.getLogin()).getUsername().toLowerCase());

        Map<String, Object> credential = jdbc.sql("select * from password_credential where user_id = ?")
                .param(created.getUserId()).query().singleRow();
        assertThat((String) credential.get("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain(password);
        assertThat(credential).containsEntry("username", created.getUsername());
    }

    @Test
    void createsMitIdUserWithEncryptedCprAndBlindIndex() {
        String cpr = Requests.uniqueCpr();
        CreateUserRequest request = Requests.mitId("unused")
                .setLogin(MitIdLogin.newBuilder().setCpr(secret(cpr)).build()).build();
        send(request);

        UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
        assertThat(created.getLoginMethod()).isEqualTo(LoginMethod.MITID);
        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);

        Map<String, Object> identity = jdbc.sql("select * from mitid_identity where user_id = ?")
                .param(created.getUserId()).query().singleRow();
        assertThat(identity.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(cpr));
        assertThat((String) identity.get("cpr_ciphertext")).startsWith("demo-1:");
    }

    @Test
    void reportsEveryViolationOfARequestInOneEvent() {
        CreateUserRequest request = Requests.standard("unused")
                .setPhone("20123456")
                .setEmail("no-at-sign")
                .setName("Bad\u202Ename")
                .setDepartmentId("demo-care.closed")
                .setLocale("de")
                .setLogin(StandardLogin.newBuilder().setUsername("x").setPassword(secret("short")).build())
                .build();
        send(request);

        UserCreationFailed failed = outcomes().awaitOutcome(request.getRequestId(), UserCreationFailed.class);
        assertThat(failed.getErrors()).extracting(ValidationError::getCode).containsExactlyInAnyOrder(
                ErrorCode.PHONE_MISSING_COUNTRY_CODE, ErrorCode.EMAIL_INVALID, ErrorCode.NAME_INVALID,
                ErrorCode.DEPARTMENT_NOT_FOUND, ErrorCode.UNSUPPORTED_LOCALE, ErrorCode.USERNAME_INVALID,
                ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(failed.getOrganisationId()).isEqualTo("demo-care");
        assertThat(failed.getSource()).isEqualTo("test");
        assertThat(jdbc.sql("select count(*) from app_user where request_id = ?").param(request.getRequestId())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select outcome, error_codes from audit_entry where request_id = ?")
                .param(request.getRequestId()).query().singleRow())
                .containsEntry("outcome", "FAILED")
                .hasEntrySatisfying("error_codes", codes -> assertThat((String) codes).contains("PASSWORD_TOO_WEAK"));
    }

    static Stream<Arguments> oneRequestPerErrorCode() {
        return Stream.of(
                code(ErrorCode.REQUIRED_FIELD_MISSING, "email", () -> standard().setEmail(null)),
                code(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "phone", () -> Requests.phoneSelfRegistration().setPhone("004520123456")),
                code(ErrorCode.PHONE_INVALID, "phone", () -> Requests.phoneSelfRegistration().setPhone("+45123")),
                code(ErrorCode.EMAIL_INVALID, "email", () -> standard().setEmail("a@b")),
                code(ErrorCode.NAME_INVALID, "name", () -> Requests.phoneSelfRegistration().setName("x".repeat(201))),
                code(ErrorCode.USERNAME_INVALID, "login.username", () -> standard(" with space", "a passphrase of some length")),
                code(ErrorCode.PASSWORD_TOO_WEAK, "login.password", () -> standard("qwerty123456")),
                code(ErrorCode.CPR_INVALID, "login.cpr", () -> mitId("3102851234")),
                code(ErrorCode.ORGANISATION_NOT_FOUND, "organisationId", () -> Requests.phoneSelfRegistration().setOrganisationId("no-such-org")),
                code(ErrorCode.DEPARTMENT_NOT_FOUND, "departmentId", () -> Requests.phoneSelfRegistration().setDepartmentId("demo-omsorg.hemtjanst")),
                code(ErrorCode.ROLE_NOT_FOUND, "roleId", () -> Requests.phoneSelfRegistration().setRoleId("demo-omsorg.relative")),
                code(ErrorCode.ROLE_NOT_ALLOWED_FOR_USER_TYPE, "roleId", () -> Requests.phoneSelfRegistration().setRoleId("demo-care.admin")),
                code(ErrorCode.MITID_NOT_ENABLED, "login", () -> mitId(Requests.uniqueCpr()).setOrganisationId("demo-omsorg")
                        .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.caregiver")),
                code(ErrorCode.UNSUPPORTED_LOCALE, "locale", () -> Requests.phoneSelfRegistration().setLocale("fr")),
                code(ErrorCode.PLAINTEXT_SECRET_REJECTED, "login.password", () -> Requests.standard("plain but long enough")),
                code(ErrorCode.SECRET_DECRYPTION_FAILED, "login.cpr", () -> Requests.mitId("eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.AAAA.BBBB.CCCC.DDDD")),
                code(ErrorCode.MALFORMED_MESSAGE, "requestId", () -> Requests.phoneSelfRegistration().setRequestId("r".repeat(101))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneRequestPerErrorCode")
    void rejectsWithErrorCode(ErrorCode expected, String field, Supplier<CreateUserRequest.Builder> request) {
        CreateUserRequest sent = request.get().build();
        send(sent);

        UserCreationFailed failed = outcomes().awaitOutcome(sent.getRequestId(), UserCreationFailed.class);
        // An unknown organisation also makes its departments and roles unknown; every other case is alone.
        assertThat(failed.getErrors()).extracting(ValidationError::getCode, ValidationError::getField)
                .first().isEqualTo(tuple(expected, field));
        assertThat(failed.getErrors()).hasSize(expected == ErrorCode.ORGANISATION_NOT_FOUND ? 3 : 1);
    }

    @Test
    void rejectsSecondUserWithTakenUsernameRegisteredCprOrDuplicateExternalId() {
        String username = "taken." + shortId();
        String cpr = Requests.uniqueCpr();
        CreateUserRequest first = standard(username, "first user's passphrase").setExternalId("HR-dup-" + shortId()).build();
        created(first, mitId(cpr).build());

        CreateUserRequest sameUsername = standard(username.toUpperCase(), "second user's passphrase").build();
        CreateUserRequest sameCpr = mitId(cpr.substring(0, 6) + "-" + cpr.substring(6)).build();
        CreateUserRequest sameExternalId = Requests.phoneSelfRegistration().setExternalId(first.getExternalId()).build();
        List.of(sameUsername, sameCpr, sameExternalId).forEach(this::send);

        assertThat(codesOf(sameUsername)).containsExactly(ErrorCode.USERNAME_TAKEN);
        assertThat(codesOf(sameCpr)).containsExactly(ErrorCode.CPR_ALREADY_REGISTERED);
        assertThat(codesOf(sameExternalId)).containsExactly(ErrorCode.DUPLICATE_EXTERNAL_ID);
    }

    @Test
    void reportsTakenUniqueValuesAlongsideEveryOtherViolation() {
        String username = "taken." + shortId();
        String cpr = Requests.uniqueCpr();
        String externalId = "HR-taken-" + shortId();
        created(standard(username, "first user's passphrase").setExternalId(externalId).build(), mitId(cpr).build());

        CreateUserRequest takenUsername = standard(username.toUpperCase(), "qwerty123456").setEmail("no-at-sign").build();
        CreateUserRequest registeredCpr = mitId(cpr).setEmail("no-at-sign").build();
        CreateUserRequest takenExternalId = Requests.phoneSelfRegistration().setExternalId(externalId)
                .setPhone("+45123").setDepartmentId("demo-care.closed").build();
        List.of(takenUsername, registeredCpr, takenExternalId).forEach(this::send);

        assertThat(codesOf(takenUsername)).containsExactlyInAnyOrder(
                ErrorCode.USERNAME_TAKEN, ErrorCode.PASSWORD_TOO_WEAK, ErrorCode.EMAIL_INVALID);
        assertThat(codesOf(registeredCpr)).containsExactlyInAnyOrder(
                ErrorCode.CPR_ALREADY_REGISTERED, ErrorCode.EMAIL_INVALID);
        assertThat(codesOf(takenExternalId)).containsExactlyInAnyOrder(
                ErrorCode.DUPLICATE_EXTERNAL_ID, ErrorCode.PHONE_INVALID, ErrorCode.DEPARTMENT_NOT_FOUND);
    }

    @Test
    void republishesTheSameEventForARepeatedRequestAndRefusesAReusedRequestId() {
        CreateUserRequest request = Requests.phoneSelfRegistration().build();
        send(request);
        UserCreated first = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);

        send(CreateUserRequest.newBuilder(request).setCorrelationId("retry").build());
        CreateUserRequest reused = CreateUserRequest.newBuilder(request).setName("Someone Else").build();
        send(reused);

        await().until(() -> outcomes().values(request.getRequestId()).size() >= 3);
        List<Object> events = outcomes().values(request.getRequestId());
        assertThat(events.get(1)).isEqualTo(first);
        assertThat(events.get(2)).isInstanceOfSatisfying(UserCreationFailed.class, failed ->
                assertThat(failed.getErrors()).extracting(ValidationError::getCode)
                        .containsExactly(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(jdbc.sql("select count(*) from app_user where request_id = ?").param(request.getRequestId())
                .query(Long.class).single()).isOne();
    }

    @Test
    void requestsOfOnePollSeeEachOtherAsIfTheyCameOneAfterTheOther() {
        String username = "batch." + shortId();
        String cpr = Requests.uniqueCpr();
        String externalId = "HR-batch-" + shortId();
        CreateUserRequest first = standard(username, "first user's passphrase").setExternalId(externalId).build();
        CreateUserRequest sameUsername = standard(username, "second user's passphrase").build();
        CreateUserRequest firstMitId = mitId(cpr).build();
        CreateUserRequest sameCpr = mitId(cpr).build();
        CreateUserRequest sameExternalId = Requests.phoneSelfRegistration().setExternalId(externalId).build();
        CreateUserRequest reused = CreateUserRequest.newBuilder(firstMitId).setName("Someone Else").build();

        MessageListenerContainer container = listeners.getListenerContainer("requests");
        container.pause();
        await().until(container::isContainerPaused);
        // One partition, so that a single poll of a single consumer thread gets them all, in this order.
        for (CreateUserRequest request : List.of(first, sameUsername, firstMitId, first, sameCpr, sameExternalId,
                reused)) {
            kafka.send(new ProducerRecord<>(topics.requests(), 0, request.getRequestId(), request)).join();
        }
        container.resume();

        UserCreated created = outcomes().awaitOutcome(first.getRequestId(), UserCreated.class);
        outcomes().awaitOutcome(firstMitId.getRequestId(), UserCreated.class);
        assertThat(codesOf(sameUsername)).containsExactly(ErrorCode.USERNAME_TAKEN);
        assertThat(codesOf(sameCpr)).containsExactly(ErrorCode.CPR_ALREADY_REGISTERED);
        assertThat(codesOf(sameExternalId)).containsExactly(ErrorCode.DUPLICATE_EXTERNAL_ID);
        await().until(() -> outcomes().values(first.getRequestId()).size() >= 2
                && outcomes().values(firstMitId.getRequestId()).size() >= 2);
        assertThat(outcomes().values(first.getRequestId())).containsExactly(created, created);
        assertThat(outcomes().values(firstMitId.getRequestId()).get(1)).isInstanceOfSatisfying(
                UserCreationFailed.class, failed -> assertThat(failed.getErrors())
                        .extracting(ValidationError::getCode).containsExactly(ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(jdbc.sql("select count(*) from app_user where request_id in (?, ?, ?, ?, ?)")
                .params(first.getRequestId(), sameUsername.getRequestId(), firstMitId.getRequestId(),
                        sameCpr.getRequestId(), sameExternalId.getRequestId())
                .query(Long.class).single()).isEqualTo(2);
    }

    @AfterAll
    static void noSecretInAnyPublishedEvent() {
        // Runs after the tests above, so every event they caused is among those consumed.
        List<String> published = new ArrayList<>();
        outcomesSoFar().forEach(value -> published.add(String.valueOf(value)));
        assertThat(published).isNotEmpty();
        for (String secret : SECRETS_SENT) {
            String withoutDash = secret.replace("-", "");
            assertThat(published).noneSatisfy(event -> assertThat(event).contains(withoutDash));
        }
    }

    /** Sends the requests and waits until each has created its user. */
    private void created(CreateUserRequest... requests) {
        List.of(requests).forEach(this::send);
        for (CreateUserRequest request : requests) {
            outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
        }
    }

    private List<ErrorCode> codesOf(CreateUserRequest request) {
        return outcomes().awaitOutcome(request.getRequestId(), UserCreationFailed.class).getErrors().stream()
                .map(ValidationError::getCode).toList();
    }

    private Map<String, Object> userRow(UUID userId) {
        return jdbc.sql("select * from app_user where id = ?").param(userId).query().singleRow();
    }

    private static Arguments code(ErrorCode code, String field, Supplier<CreateUserRequest.Builder> request) {
        return Arguments.of(code, field, request);
    }

    private static CreateUserRequest.Builder standard() {
        return standard("user." + shortId(), "a passphrase of some length");
    }

    private static CreateUserRequest.Builder standard(String password) {
        return standard("user." + shortId(), password);
    }

    private static CreateUserRequest.Builder standard(String username, String password) {
        return Requests.standard("unused").setUserType(UserType.EMPLOYEE)
                .setLogin(StandardLogin.newBuilder().setUsername(username).setPassword(secret(password)).build());
    }

    private static CreateUserRequest.Builder mitId(String cpr) {
        return Requests.mitId("unused").setLogin(MitIdLogin.newBuilder().setCpr(secret(cpr)).build());
    }

    private static String secret(String plaintext) {
        SECRETS_SENT.add(plaintext);
        return encrypted(plaintext);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
