package dk.care.provisioning.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dk.care.provisioning.security.CprProtectorTest.randomKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SecurityConfigurationTest {

    private static final String KEY = randomKey(32);
    private static final String INDEX_KEY = randomKey(32);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SecurityConfiguration.class)
            .withPropertyValues(
                    "provisioning.security.cpr.keys=k1:" + KEY,
                    "provisioning.security.cpr.active-key-id=k1",
                    "provisioning.security.cpr.blind-index-key=" + INDEX_KEY);

    @Test
    void buildsTheBeansWithSecureDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecretResolver.class).hasSingleBean(PasswordHasher.class)
                    .hasSingleBean(CprProtector.class);
            assertThat(context.getBean(SecretResolver.class).allowsPlaintext()).isFalse();
            assertThat(context.getBean(PasswordHasher.class).parameters()).isEqualTo(PasswordHasher.Parameters.OWASP_MINIMUM);
            assertThat(context.getBean(CprProtector.class).activeKeyId()).isEqualTo("k1");
            assertThat(context.getBean(SecurityProperties.class).toString()).doesNotContain(KEY).doesNotContain(INDEX_KEY);
        });
    }

    @Test
    void loadsTheJweKeySetAndAllowsPlaintextOnlyWhenAsked(@TempDir Path dir) {
        RSAKey key = JweTestSupport.rsaKey("worker-1");
        Path file = JweTestSupport.writeKeySet(new JWKSet(key), dir.resolve("jwks.json"));

        runner.withPropertyValues("provisioning.security.jwe.key-set-path=" + file,
                "provisioning.security.allow-plaintext-secrets=true").run(context -> {
            SecretResolver resolver = context.getBean(SecretResolver.class);
            assertThat(resolver.allowsPlaintext()).isTrue();
            assertThat(resolver.resolve(JweTestSupport.jweSecret("s3cret-passphrase", key)))
                    .isEqualTo(new SecretResolution.Resolved(Secret.of("s3cret-passphrase")));
        });
    }

    @Test
    void theConsolesEncryptionSendsNoPlaintextSecretWithoutAKeyUnlessPlaintextIsExplicitlyAllowed() {
        runner.run(context -> {
            SecretEncryption console = context.getBean(SecretEncryption.class);
            assertThatThrownBy(() -> console.encrypt("a console password"))
                    .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("a console password");
        });
        runner.withPropertyValues("provisioning.security.allow-plaintext-secrets=true").run(context ->
                assertThat(context.getBean(SecretEncryption.class).encrypt("a console password"))
                        .isEqualTo("a console password"));
    }

    @Test
    void warnsAtStartUpWhenPlaintextSecretsAreAllowed(CapturedOutput output) {
        runner.run(context -> assertThat(output).doesNotContain("allow-plaintext-secrets=true"));
        runner.withPropertyValues("provisioning.security.allow-plaintext-secrets=true").run(context ->
                assertThat(output).containsPattern("WARN .*allow-plaintext-secrets=true: passwords and CPR numbers are "
                        + "accepted unencrypted"));
    }

    @Test
    void raisesArgon2ParametersFromConfiguration() {
        runner.withPropertyValues("provisioning.security.password.memory-kib=65536",
                "provisioning.security.password.iterations=3").run(context ->
                assertThat(context.getBean(PasswordHasher.class).parameters())
                        .isEqualTo(new PasswordHasher.Parameters(65_536, 3, 1, 16, 32)));
    }

    @Test
    void refusesToStartBelowTheOwaspMinimum() {
        runner.withPropertyValues("provisioning.security.password.memory-kib=4096").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains("memoryKib", "19456"));
        });
    }

    @Test
    void refusesToStartWithoutCprKeysNamingTheVariablesAndHowToMakeTheKeys() {
        new ApplicationContextRunner().withUserConfiguration(SecurityConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(String.join("\n", messages(context.getStartupFailure()))).contains(
                    "set PROVISIONING_SECURITY_CPR_KEYS to <key id>:<key>, the key from 'openssl rand -base64 32'",
                    "set PROVISIONING_SECURITY_CPR_ACTIVE_KEY_ID to the key id in PROVISIONING_SECURITY_CPR_KEYS",
                    "set PROVISIONING_SECURITY_CPR_BLIND_INDEX_KEY to a key of its own from 'openssl rand -base64 32'");
        });
    }

    @Test
    void refusesToStartWithAShortCprKeyWithoutPrintingIt() {
        String shortKey = randomKey(24);
        runner.withPropertyValues("provisioning.security.cpr.keys=k1:" + KEY + ",k2:" + shortKey).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains("32 bytes"))
                    .allSatisfy(m -> assertThat(m).doesNotContain(shortKey).doesNotContain(KEY));
        });
    }

    @Test
    void refusesToStartWhenTheActiveKeyIsNotConfigured() {
        runner.withPropertyValues("provisioning.security.cpr.active-key-id=k9").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains("k9"));
        });
    }

    @Test
    void refusesToStartWithAMissingKeySetFile(@TempDir Path dir) {
        runner.withPropertyValues("provisioning.security.jwe.key-set-path=" + dir.resolve("absent.json")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(m -> assertThat(m).contains("cannot read JWE key set"));
        });
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
