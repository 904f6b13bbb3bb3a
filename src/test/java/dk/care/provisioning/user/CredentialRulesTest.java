package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.care.provisioning.security.Secret;

import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    private static final Secret PASSPHRASE = Secret.of("correct horse battery staple");

    private final CredentialRules rules = new CredentialRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH));

    @Test
    void passesAGoodPairAndGivesTheUsernameInItsStoredForm() {
        CredentialRules.Checked checked = rules.check("username", "Anna.Jensen", "password", PASSPHRASE);

        assertThat(checked.passed()).isTrue();
        assertThat(checked.username()).hasToString("anna.jensen");
    }

    @Test
    void reportsBothCredentialsAtTheCallersFieldNames() {
        assertThat(rules.check("login.username", " ", "login.password", null).violations())
                .extracting(Violation::code, Violation::field, Violation::message)
                .containsExactly(tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.username", "login.username is required"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "login.password", "login.password is required"));
        assertThat(rules.check("username", "a b", "password", Secret.of(" ")).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.USERNAME_INVALID, "username"),
                        tuple(ErrorCode.REQUIRED_FIELD_MISSING, "password"));
    }

    @Test
    void aViolationNamesItsRuleByItsCodeWhenTheCodeSaysItAll() {
        assertThat(rules.check("username", "ab", "password", null).violations())
                .extracting(Violation::rule)
                .containsExactly(new Violation.Rule("USERNAME_INVALID", null),
                        new Violation.Rule("REQUIRED_FIELD_MISSING", null));
    }

    @Test
    void aWeakPasswordNamesTheFirstWeaknessToFixAndTheLengthItSets() {
        assertThat(passwordRule("password")).isEqualTo(new Violation.Rule("TOO_SHORT", 12));
        assertThat(passwordRule("x".repeat(129))).isEqualTo(new Violation.Rule("TOO_LONG", 128));
        assertThat(passwordRule("qwerty123456")).isEqualTo(new Violation.Rule("COMMON", null));
        assertThat(passwordRule("karen-has-a-long-password")).isEqualTo(new Violation.Rule("CONTAINS_USERNAME", null));
        assertThat(new CredentialRules(new PasswordPolicy(20)).check("u", "karen", "p", Secret.of("fourteen chars"))
                .violations()).extracting(Violation::rule).containsExactly(new Violation.Rule("TOO_SHORT", 20));
    }

    @Test
    void judgesThePasswordAgainstTheUsernameAsSentEvenWhenThatIsInvalid() {
        assertThat(rules.check("username", "Karen!", "password", Secret.of("my KAREN! passphrase")).violations())
                .extracting(Violation::code, Violation::rule)
                .containsExactly(tuple(ErrorCode.USERNAME_INVALID, new Violation.Rule("USERNAME_INVALID", null)),
                        tuple(ErrorCode.PASSWORD_TOO_WEAK, new Violation.Rule("CONTAINS_USERNAME", null)));
    }

    private Violation.Rule passwordRule(String password) {
        var violations = rules.check("username", "karen", "password", Secret.of(password)).violations();
        assertThat(violations).extracting(Violation::code).containsExactly(ErrorCode.PASSWORD_TOO_WEAK);
        return violations.getFirst().rule();
    }
}
