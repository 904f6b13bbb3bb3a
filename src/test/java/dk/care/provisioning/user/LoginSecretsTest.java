package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dk.care.provisioning.security.JweTestSupport;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.security.SecretResolver;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginSecretsTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final RSAKey RSA = JweTestSupport.rsaKey("rsa-2026");
    private static final ECKey EC = JweTestSupport.ecKey("ec-2026");

    private final LoginSecrets secrets = new LoginSecrets(new SecretResolver(new JWKSet(List.of(RSA, EC)), false));

    @Test
    void revealsThePasswordOfAStandardLogin() {
        var login = new LoginMethod.Standard("anna", JweTestSupport.jweSecret(PASSWORD, EC), true);

        assertThat(secrets.reveal(login)).isEqualTo(new LoginSecrets.Revealed(
                new LoginMethod.Standard("anna", Secret.of(PASSWORD), true), List.of()));
    }

    @Test
    void revealsTheCprOfAMitIdLogin() {
        var login = new LoginMethod.MitId(JweTestSupport.jweSecret("0101901234", RSA));

        assertThat(secrets.reveal(login).login()).isEqualTo(new LoginMethod.MitId(Secret.of("0101901234")));
    }

    @Test
    void reportsPlaintextCprAgainstLoginCprAndKeepsItAsSent() {
        var login = new LoginMethod.MitId(Secret.of("0101901234"));

        LoginSecrets.Revealed revealed = secrets.reveal(login);

        assertThat(revealed.login()).isEqualTo(login);
        assertThat(revealed.refused("login.cpr")).isTrue();
        assertThat(revealed.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo(ErrorCode.PLAINTEXT_SECRET_REJECTED);
            assertThat(violation.field()).isEqualTo("login.cpr");
            assertThat(violation.message()).doesNotContain("0101901234");
        });
    }

    @Test
    void reportsAnUndecryptablePasswordAgainstLoginPassword() {
        String toAnotherWorker = JweTestSupport.encrypt(PASSWORD, JweTestSupport.rsaKey("rsa-2026").toPublicJWK());

        LoginSecrets.Revealed revealed = secrets.reveal(new LoginMethod.Standard("anna", Secret.of(toAnotherWorker), false));

        assertThat(revealed.refused("login.password")).isTrue();
        assertThat(revealed.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo(ErrorCode.SECRET_DECRYPTION_FAILED);
            assertThat(violation.field()).isEqualTo("login.password");
            assertThat(violation.message()).doesNotContain(PASSWORD);
            assertThat(Arrays.stream(toAnotherWorker.split("\\.")).filter(part -> part.length() > 3))
                    .noneMatch(violation.message()::contains);
        });
    }

    @Test
    void leavesLoginsWithoutSecretsUntouched() {
        for (LoginMethod login : Arrays.asList(new LoginMethod.PhoneSelfRegistration(),
                new LoginMethod.Standard("anna", null, false), null)) {
            assertThat(secrets.reveal(login)).isEqualTo(new LoginSecrets.Revealed(login, List.of()));
        }
    }
}
