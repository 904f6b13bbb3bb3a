package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.testing.ProvisioningRequests;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String CPR = "010190-1234";

    private final FieldRules rules = new FieldRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH));

    @Test
    void passesValidStandardRequestAndNormalisesItsFields() {
        FieldCheck check = rules.check(standard("Anna.Jensen", PASSWORD));

        assertThat(check.violations()).isEmpty();
        assertThat(check.passed()).isTrue();
        assertThat(check.fields().username().value()).isEqualTo("anna.jensen");
        assertThat(check.fields().phone().e164()).isEqualTo("+4520123456");
        assertThat(check.fields().email().value()).isEqualTo("anna@example.dk");
        assertThat(check.fields().name().value()).isEqualTo("Anna Jensen");
        assertThat(check.fields().cpr()).isNull();
    }

    @Test
    void passesValidPhoneSelfRegistrationWithOnlyAPhone() {
        FieldCheck check = rules.check(request(new LoginMethod.PhoneSelfRegistration(), null, null, "+46 70 123 45 67"));

        assertThat(check.violations()).isEmpty();
        assertThat(check.fields().phone().e164()).isEqualTo("+46701234567");
        assertThat(check.fields().name()).isNull();
        assertThat(check.fields().email()).isNull();
    }

    @Test
    void passesValidMitIdRequestAndKeepsOnlyCprDigits() {
        FieldCheck check = rules.check(mitId(CPR));

        assertThat(check.violations()).isEmpty();
        assertThat(check.fields().cpr().digits()).isEqualTo("0101901234");
        assertThat(check.fields().phone()).isNull();
    }

    @Test
    void reportsEveryMissingCommonField() {
        var empty = ProvisioningRequests.empty().build();

        assertThat(rules.check(empty).violations())
                .allSatisfy(violation -> assertThat(violation.code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING))
                .extracting(Violation::field)
                .containsExactlyInAnyOrder("requestId", "source", "organisationId", "departmentId", "roleId",
                        "userType", "login");
    }

    @Test
    void treatsBlankAsMissing() {
        var blank = ProvisioningRequests.empty().requestId(" ").source("\t").requestedAt(Instant.now())
                .organisationId("").departmentId(" ").roleId("  ").userType(UserType.EMPLOYEE).phone("+4520123456")
                .login(new LoginMethod.PhoneSelfRegistration()).build();

        assertThat(rules.check(blank).violations()).extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "requestId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "source"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "organisationId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "departmentId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "roleId"));
    }

    @Test
    void requiresPhoneForPhoneSelfRegistration() {
        assertThat(rules.check(request(new LoginMethod.PhoneSelfRegistration(), null, null, " ")).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.REQUIRED_FIELD_MISSING, "phone"));
    }

    @Test
    void requiresUsernamePasswordNameEmailAndPhoneForStandard() {
        var login = new LoginMethod.Standard(null, null, false);

        assertThat(rules.check(request(login, null, null, null)).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.username"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.password"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "name"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "email"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "phone"));
    }

    @Test
    void treatsBlankSecretAsMissing() {
        var login = new LoginMethod.Standard("anna", Secret.of("   "), false);

        assertThat(rules.check(request(login, "Anna", "anna@example.dk", "+4520123456")).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.password"));
    }

    @Test
    void requiresNameEmailAndCprForMitId() {
        assertThat(rules.check(request(new LoginMethod.MitId(null), null, null, null)).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.cpr"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "name"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "email"));
    }

    @Test
    void checksOptionalFieldsThatArePresent() {
        var phoneUser = request(new LoginMethod.PhoneSelfRegistration(), "Anna\u202EJensen", "not-an-email",
                "+4520123456");

        assertThat(rules.check(phoneUser).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(tuple(ErrorCode.NAME_INVALID, "name"), tuple(ErrorCode.EMAIL_INVALID, "email"));
    }

    @Test
    void checksPhoneOfAMitIdUserWhenGiven() {
        assertThat(rules.check(request(new LoginMethod.MitId(Secret.of(CPR)), "Anna", "anna@example.dk", "20123456"))
                .violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "phone"));
    }

    @Test
    void ignoresBlankOptionalFields() {
        assertThat(rules.check(request(new LoginMethod.PhoneSelfRegistration(), " ", "", "+4520123456")).violations())
                .isEmpty();
    }

    @Test
    void rejectsRequestIdLongerThan100AsMalformed() {
        assertThat(rules.check(withRequestId("r".repeat(100))).violations()).isEmpty();
        assertThat(rules.check(withRequestId("r".repeat(101))).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.MALFORMED_MESSAGE, "requestId"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"r\n", "r\r", "r\u001B[31m", "r\u0000", "r\u009B", "r\u202E", "r\u200B"})
    void rejectsRequestIdWithControlOrFormattingCharactersAsMalformedAndUnusableAsKey(String requestId) {
        assertMalformed(withRequestId(requestId), "requestId");
        assertThat(FieldRules.isRequestId(requestId)).isFalse();
    }

    @Test
    void usesAnyPrintableRequestIdOfUpTo100CharactersAsKey() {
        assertThat(FieldRules.isRequestId("r".repeat(100))).isTrue();
        assertThat(FieldRules.isRequestId("x'); DROP TABLE app_user; --")).isTrue();
        assertThat(FieldRules.isRequestId("r".repeat(101))).isFalse();
        assertThat(FieldRules.isRequestId(" ")).isFalse();
        assertThat(FieldRules.isRequestId(null)).isFalse();
    }

    @Test
    void boundsTheIdsOfOtherSystemsAndTheRequester() {
        assertThat(rules.check(withIds("c".repeat(100), "s".repeat(100), "b".repeat(200), "e".repeat(100))).violations())
                .isEmpty();
        assertMalformed(withIds("c".repeat(101), "s".repeat(101), "b".repeat(201), "e".repeat(900_000)),
                "correlationId", "source", "requestedBy", "externalId");
    }

    @Test
    void refusesControlCharactersInTheIdsAndTheRequesterButFormattingOnlyInTheIds() {
        assertMalformed(withIds("c\u001B[2J", "hr\nsync", "Anna\u2028Jensen", "E\u0007"),
                "correlationId", "source", "requestedBy", "externalId");
        assertMalformed(withIds("c", "hr-sync", "Anna\u200DJensen", "E\u200B1"), "externalId");
    }

    private void assertMalformed(ProvisioningRequest request, String... fields) {
        assertThat(rules.check(request).violations())
                .allSatisfy(violation -> assertThat(violation.code()).isEqualTo(ErrorCode.MALFORMED_MESSAGE))
                .extracting(Violation::field).containsExactlyInAnyOrder(fields);
    }

    @Test
    void reportsAllViolationsOfARequestAtOnce() {
        var login = new LoginMethod.Standard("ab", Secret.of("short"), false);

        assertThat(rules.check(request(login, "Anna\u0000", "anna@", "20123456")).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactlyInAnyOrder(
                        tuple(ErrorCode.NAME_INVALID, "name"),
                        tuple(ErrorCode.EMAIL_INVALID, "email"),
                        tuple(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "phone"),
                        tuple(ErrorCode.USERNAME_INVALID, "login.username"),
                        tuple(ErrorCode.PASSWORD_TOO_WEAK, "login.password"));
    }

    @Test
    void returnsValidValuesEvenWhenOtherFieldsFail() {
        FieldCheck check = rules.check(request(new LoginMethod.Standard("Anna", Secret.of("short"), false),
                "Anna", "anna@example.dk", "+4512345678"));

        assertThat(check.passed()).isFalse();
        assertThat(check.fields().username().value()).isEqualTo("anna");
        assertThat(check.fields().phone()).isNull();
    }

    @Test
    void checksPasswordAgainstTheUsernameAsSent() {
        var login = new LoginMethod.Standard("Anna.Jensen", Secret.of("anna.jensen-2024-secret"), false);

        assertThat(rules.check(request(login, "Anna", "anna@example.dk", "+4520123456")).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.PASSWORD_TOO_WEAK, "login.password"));
    }

    @Test
    void messagesNeverContainThePasswordOrCpr() {
        String weakPassword = "qwerty123456";
        String impossibleCpr = "310299-1234";

        FieldCheck standard = rules.check(standard("anna", weakPassword));
        FieldCheck mitId = rules.check(mitId(impossibleCpr));
        FieldCheck validMitId = rules.check(mitId(CPR));

        assertThat(standard.violations()).extracting(Violation::code).containsExactly(ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(mitId.violations()).extracting(Violation::code).containsExactly(ErrorCode.CPR_INVALID);
        assertThat(standard.toString()).doesNotContain(weakPassword);
        assertThat(mitId.toString()).doesNotContain("310299", "3102991234");
        assertThat(validMitId.toString()).doesNotContain("010190", "0101901234");
    }

    private static ProvisioningRequest standard(String username, String password) {
        return request(new LoginMethod.Standard(username, Secret.of(password), false), "Anna Jensen",
                "anna@example.dk", "+45 20 12 34 56");
    }

    private static ProvisioningRequest mitId(String cpr) {
        return request(new LoginMethod.MitId(Secret.of(cpr)), "Anna Jensen", "anna@example.dk", null);
    }

    private static ProvisioningRequest withRequestId(String requestId) {
        return ProvisioningRequests.empty().requestId(requestId).source("hr-sync").requestedAt(Instant.now())
                .organisationId("demo-care").departmentId("demo-care.home-care").roleId("demo-care.caregiver")
                .userType(UserType.EMPLOYEE).phone("+4520123456").login(new LoginMethod.PhoneSelfRegistration())
                .build();
    }

    private static ProvisioningRequest withIds(String correlationId, String source, String requestedBy, String externalId) {
        return new ProvisioningRequest("req-1", correlationId, source, requestedBy, Instant.now(), "demo-care",
                "demo-care.home-care", "demo-care.caregiver", UserType.EMPLOYEE, null, null, "+4520123456", externalId,
                null, new LoginMethod.PhoneSelfRegistration());
    }

    private static ProvisioningRequest request(LoginMethod login, String name, String email, String phone) {
        return ProvisioningRequests.empty().requestId("req-1").correlationId("corr-1").source("hr-sync")
                .requestedBy("admin@demo-care").requestedAt(Instant.now()).organisationId("demo-care")
                .departmentId("demo-care.home-care").roleId("demo-care.caregiver").userType(UserType.EMPLOYEE)
                .name(name).email(email).phone(phone).externalId("E-1").locale("da").login(login).build();
    }
}
