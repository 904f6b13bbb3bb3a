package dk.care.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.DemoReferenceRules;
import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserStatus;
import dk.care.provisioning.user.Violation;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of a change, without a database: each reported, all at once. */
class ChangeRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private final ChangeRules rules = new ChangeRules(DemoReferenceRules.inMemory());

    @Test
    void refusesAnUpdateContactWithoutAnyField() {
        assertThat(rules.screen(request(new Change.UpdateContact(null, " ", null, null))).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.REQUIRED_FIELD_MISSING, "change"));
    }

    @Test
    void checksAndNormalisesChangedContactDetailsAsCreationDoes() {
        ChangeRules.Screened screened = rules.screen(request(new Change.UpdateContact(" Karen Berg ", null,
                "+45 20 12 34 56", "sv")));
        assertThat(screened.violations()).isEmpty();
        assertThat(screened.change()).isEqualTo(new Change.UpdateContact("Karen Berg", null, "+4520123456", "sv"));

        assertThat(rules.screen(request(new Change.UpdateContact("Bad\u202Ename", "a@b", "20123456", "de")))
                .violations()).extracting(Violation::code, Violation::field).containsExactly(
                tuple(ErrorCode.NAME_INVALID, "change.name"), tuple(ErrorCode.EMAIL_INVALID, "change.email"),
                tuple(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "change.phone"),
                tuple(ErrorCode.UNSUPPORTED_LOCALE, "change.locale"));
    }

    @Test
    void checksTheEnvelopeAsCreationDoes() {
        var request = new ChangeRequest(" ", "bad\ncorrelation", null, "x".repeat(201), NOW, null,
                new UserReference.ByExternalId(""), null, null, new Change.Move("", null));
        assertThat(rules.screen(request).violations()).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.REQUIRED_FIELD_MISSING, "requestId"),
                        tuple(ErrorCode.MALFORMED_MESSAGE, "correlationId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "source"),
                        tuple(ErrorCode.MALFORMED_MESSAGE, "requestedBy"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "organisationId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "user.externalId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "change.departmentId"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "change.roleId"));
    }

    @Test
    void aMovedUsersRoleMustFitItsTypeInAnOpenDepartmentOfItsOrganisation() {
        Account relative = account(UserStatus.ACTIVE, 1);
        assertThat(rules.against(rules.screen(request(new Change.Move("demo-care.closed", "demo-care.caregiver"))),
                relative, true, true)).extracting(Violation::code, Violation::field).containsExactly(
                tuple(ErrorCode.DEPARTMENT_NOT_FOUND, "change.departmentId"),
                tuple(ErrorCode.ROLE_NOT_ALLOWED_FOR_USER_TYPE, "change.roleId"));
        assertThat(rules.against(rules.screen(request(new Change.Move("demo-omsorg.hemtjanst", "demo-omsorg.relative"))),
                relative, true, true)).extracting(Violation::code).containsExactly(
                ErrorCode.DEPARTMENT_NOT_FOUND, ErrorCode.ROLE_NOT_FOUND);
        assertThat(rules.against(rules.screen(request(new Change.Move("demo-care.nursing-home", "demo-care.relative"))),
                relative, true, true)).isEmpty();
    }

    @Test
    void aStaleVersionConflictsWhenTheRequestArrivesNotWhenItFallsDue() {
        ChangeRules.Screened screened = rules.screen(new ChangeRequest("r-1", null, "hr", null, NOW, "demo-care",
                new UserReference.ById(UUID.randomUUID()), 3L, null, new Change.Deactivate(null)));
        assertThat(rules.against(screened, account(UserStatus.ACTIVE, 4), true, true)).extracting(Violation::code)
                .containsExactly(ErrorCode.VERSION_CONFLICT);
        assertThat(rules.against(screened, account(UserStatus.ACTIVE, 4), false, true)).isEmpty();
        assertThat(rules.against(screened, account(UserStatus.ACTIVE, 3), true, true)).isEmpty();
    }

    @Test
    void onlyADeactivatedUserIsErasedJudgedWhenTheErasureIsApplied() {
        ChangeRules.Screened erase = rules.screen(request(new Change.Erase()));
        assertThat(rules.against(erase, account(UserStatus.ACTIVE, 1), true, true)).extracting(Violation::code)
                .containsExactly(ErrorCode.NOT_DEACTIVATED);
        assertThat(rules.against(erase, account(UserStatus.ACTIVE, 1), true, false)).isEmpty();
        assertThat(rules.against(erase, account(UserStatus.DEACTIVATED, 2), true, true)).isEmpty();
    }

    @Test
    void anErasedUserCannotBeChangedAtAll() {
        assertThat(rules.against(rules.screen(request(new Change.Move("demo-care.closed", "x"))),
                account(UserStatus.ERASED, 3), true, true)).extracting(Violation::code)
                .containsExactly(ErrorCode.USER_ERASED);
    }

    @Test
    void theSameContentHasTheSameFingerprintWhateverItsTransportMetadata() {
        UserReference user = new UserReference.ById(UUID.randomUUID());
        Change move = new Change.Move("demo-care.nursing-home", "demo-care.relative");
        var first = new ChangeRequest("r-1", "c-1", "hr", "a", NOW, "demo-care", user, null, null, move);
        var resent = new ChangeRequest("r-1", "c-2", "hr", "b", NOW.plusSeconds(5), "demo-care", user, null, null, move);
        var dated = new ChangeRequest("r-1", "c-1", "hr", "a", NOW, "demo-care", user, null, NOW.plusSeconds(60), move);
        assertThat(ChangeRules.fingerprint(resent)).isEqualTo(ChangeRules.fingerprint(first));
        assertThat(ChangeRules.fingerprint(dated)).isNotEqualTo(ChangeRules.fingerprint(first));
    }

    private static ChangeRequest request(Change change) {
        return new ChangeRequest("r-1", null, "hr", null, NOW, "demo-care", new UserReference.ById(UUID.randomUUID()),
                null, null, change);
    }

    static Account account(UserStatus status, long version) {
        return new Account(UUID.randomUUID(), "demo-care", "demo-care.home-care", "demo-care.relative",
                UserType.RELATIVE, LoginMethod.Kind.PHONE_SELF_REGISTRATION, status,
                status == UserStatus.ACTIVE || status == UserStatus.PENDING_SELF_REGISTRATION ? null : UserStatus.ACTIVE,
                "Karen Hansen", null, "+4520123456", null, "da", version, NOW,
                status == UserStatus.ACTIVE || status == UserStatus.PENDING_SELF_REGISTRATION ? null : NOW);
    }
}
