package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dk.care.provisioning.security.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH);

    @Test
    void acceptsLongUncommonPassword() {
        assertValid(policy.check(Secret.of("correct horse battery staple"), "anna"));
    }

    @Test
    void rejectsPasswordShorterThanTheDefaultMinimumOf12() {
        assertValid(policy.check(Secret.of("Xk7#pq9!Lm2w"), null));
        var rejected = assertRejected(policy.check(Secret.of("Xk7#pq9!Lm2"), null), ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message()).contains("at least 12");
    }

    @Test
    void namesEveryBrokenRuleAsAWeaknessForThePageToExplain() {
        assertThat(policy.weaknesses(Secret.of("correct horse battery staple"), "anna")).isEmpty();
        assertThat(policy.weaknesses(Secret.of("password"), "pass"))
                .containsExactly(PasswordPolicy.Weakness.TOO_SHORT, PasswordPolicy.Weakness.COMMON,
                        PasswordPolicy.Weakness.CONTAINS_USERNAME);
        assertThat(policy.weaknesses(Secret.of("a".repeat(129)), "a")).containsExactly(PasswordPolicy.Weakness.TOO_LONG);
    }

    @Test
    void honoursAConfiguredMinimum() {
        var eight = new PasswordPolicy(8);
        assertValid(eight.check(Secret.of("Xk7#pq9!"), null));
        assertRejected(eight.check(Secret.of("Xk7#pq9"), null), ErrorCode.PASSWORD_TOO_WEAK);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 129})
    void refusesAMinimumOutsideWhatNistAllows(int minimum) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(minimum));
    }

    @Test
    void acceptsOneHundredTwentyEightCharactersAndRejectsMore() {
        assertValid(policy.check(Secret.of("Xk7#pq9!".repeat(16)), null));
        var rejected = assertRejected(policy.check(Secret.of("Xk7#pq9!".repeat(16) + "z"), null),
                ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message()).contains("at most 128");
    }

    @Test
    void rejectsTenMegabytePasswordQuickly() {
        String huge = "x".repeat(10 * 1024 * 1024);
        assertTimeoutPreemptively(Duration.ofMillis(200),
                () -> assertRejected(policy.check(Secret.of(huge), "anna"), ErrorCode.PASSWORD_TOO_WEAK));
    }

    @Test
    void countsCodePointsNotChars() {
        assertValid(policy.check(Secret.of("🐻🦊🦉🐝🐢🦔🐙🦀🐌🦋🐞🦎"), null));
        assertRejected(policy.check(Secret.of("🐻🦊🦉🐝🐢🦔"), null), ErrorCode.PASSWORD_TOO_WEAK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwerty123456", "1qaz2wsx3edc", "QWERTY123456", "1QAZ2wsx3EDC", "123456789qwe"})
    void rejectsCommonPasswordInAnyCase(String password) {
        var rejected = assertRejected(policy.check(Secret.of(password), null), ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message()).contains("commonly used");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1", "Password1", "iloveyou", "sunshine1"})
    void rejectsCommonPasswordThatMeetsALowerConfiguredMinimum(String password) {
        assertRejected(new PasswordPolicy(8).check(Secret.of(password), null), ErrorCode.PASSWORD_TOO_WEAK);
    }

    @Test
    void rejectsPasswordContainingTheUsernameInAnyCase() {
        var rejected = assertRejected(policy.check(Secret.of("MyANNA.JENSENsecret99"), "Anna.Jensen"),
                ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message()).contains("username");
    }

    @Test
    void skipsTheUsernameRuleWhenThereIsNoUsername() {
        assertValid(policy.check(Secret.of("correct horse battery staple"), null));
        assertValid(policy.check(Secret.of("correct horse battery staple"), " "));
    }

    @Test
    void namesEveryFailedRuleInOneRejection() {
        var rejected = assertRejected(policy.check(Secret.of("Anna2024"), "anna"), ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message()).contains("at least 12", "username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xk7#pq9!", "qwerty123456", "MyAnna.JensenSecret99", "Anna.Jensen"})
    void neverQuotesThePassword(String password) {
        var result = policy.check(Secret.of(password), "anna.jensen");
        var rejected = assertRejected(result, ErrorCode.PASSWORD_TOO_WEAK);
        assertThat(rejected.message().toLowerCase(Locale.ROOT)).doesNotContain(password.toLowerCase(Locale.ROOT));
        assertThat(result.toString()).doesNotContain(password);
    }

    @Test
    void shipsAnAttributedLowercaseListOfAboutTenThousandPasswords() throws IOException {
        List<String> lines;
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS_RESOURCE)) {
            assertThat(in).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines.getFirst()).startsWith("# source: zxcvbn@4.4.2").contains("license MIT");
        List<String> passwords = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(passwords).hasSizeBetween(10_000, 12_000).doesNotHaveDuplicates()
                .allSatisfy(password -> assertThat(password).isLowerCase().hasSizeGreaterThanOrEqualTo(8));
    }
}
