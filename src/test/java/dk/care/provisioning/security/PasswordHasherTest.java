package dk.care.provisioning.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {

    private static final Secret PASSWORD = Secret.of("correct horse battery staple");
    private static final PasswordHasher OWASP = new PasswordHasher(PasswordHasher.Parameters.OWASP_MINIMUM);

    @Test
    void aHashMarkedDisabledMatchesNoPasswordAndWorksAgainUnmarked() {
        String hash = OWASP.hash(PASSWORD);
        String disabled = PasswordHasher.DISABLED_PREFIX + hash;

        assertThat(OWASP.matches(PASSWORD, disabled)).isFalse();
        assertThat(PasswordHasher.parametersOf(disabled)).isEmpty();
        assertThat(new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 19_456, 2)
                .matches(PASSWORD.reveal(), disabled)).as("another Argon2 verifier").isFalse();
        assertThat(OWASP.matches(PASSWORD, disabled.substring(PasswordHasher.DISABLED_PREFIX.length()))).isTrue();
    }

    @Test
    void hashesToArgon2idPhcStringWithOwaspParameters() {
        String hash = OWASP.hash(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD.reveal());
        assertThat(PasswordHasher.parametersOf(hash))
                .contains(new PasswordHasher.Parameters(19_456, 2, 1, 16, 32));
    }

    @Test
    void saltsEveryHash() {
        assertThat(OWASP.hash(PASSWORD)).isNotEqualTo(OWASP.hash(PASSWORD));
    }

    @Test
    void matchesTheRightPasswordOnly() {
        String hash = OWASP.hash(PASSWORD);

        assertThat(OWASP.matches(PASSWORD, hash)).isTrue();
        assertThat(OWASP.matches(Secret.of("correct horse battery stapler"), hash)).isFalse();
    }

    @Test
    void doesNotMatchMalformedOrMissingHashes() {
        assertThat(OWASP.matches(PASSWORD, null)).isFalse();
        assertThat(OWASP.matches(PASSWORD, "")).isFalse();
        assertThat(OWASP.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$!!!$???")).isFalse();
        assertThat(OWASP.matches(PASSWORD, "$2a$10$abcdefghijklmnopqrstuu")).isFalse();
    }

    @Test
    void needsNoUpgradeAtTheConfiguredParameters() {
        assertThat(OWASP.needsUpgrade(OWASP.hash(PASSWORD))).isFalse();
    }

    @Test
    void needsUpgradeWhenParametersWereRaised() {
        String oldHash = OWASP.hash(PASSWORD);
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Parameters(19_456, 3, 1, 16, 32));

        assertThat(stronger.needsUpgrade(oldHash)).isTrue();
        assertThat(stronger.matches(PASSWORD, oldHash)).isTrue();
        assertThat(new PasswordHasher(new PasswordHasher.Parameters(32_768, 2, 1, 16, 32)).needsUpgrade(oldHash)).isTrue();
    }

    @Test
    void needsUpgradeForOtherArgon2VariantsAndForeignHashes() {
        String argon2i = OWASP.hash(PASSWORD).replace("$argon2id$", "$argon2i$");

        assertThat(OWASP.needsUpgrade(argon2i)).isTrue();
        assertThat(OWASP.needsUpgrade("$2a$10$abcdefghijklmnopqrstuu")).isTrue();
        assertThat(OWASP.needsUpgrade(null)).isTrue();
    }

    @Test
    void refusesParametersBelowTheOwaspMinimum() {
        assertThatThrownBy(() -> new PasswordHasher(new PasswordHasher.Parameters(4_096, 2, 1, 16, 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OWASP");
        assertThatThrownBy(() -> new PasswordHasher(new PasswordHasher.Parameters(19_456, 1, 1, 16, 32)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
