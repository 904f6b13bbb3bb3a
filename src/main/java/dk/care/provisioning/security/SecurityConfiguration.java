package dk.care.provisioning.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/** Builds the secret-handling beans from {@code provisioning.security.*}, failing start-up on bad keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    JweKeys jweKeys(SecurityProperties properties) {
        String keySetPath = properties.jwe().keySetPath();
        if (keySetPath == null || keySetPath.isBlank()) {
            return JweKeys.none();
        }
        JweKeys keys = JweKeys.load(Path.of(keySetPath));
        log.info("Loaded {} JWE decryption key(s), kids {}", keys.size(), keys.keyIds());
        return keys;
    }

    @Bean
    SecretResolver secretResolver(SecurityProperties properties, JweKeys keys) {
        if (properties.allowPlaintextSecrets()) {
            log.warn("provisioning.security.allow-plaintext-secrets=true: passwords and CPR numbers are accepted "
                    + "unencrypted on the requests topic. For development only, never with real data");
        }
        if (keys.size() == 0 && !properties.allowPlaintextSecrets()) {
            log.warn("No provisioning.security.jwe.key-set-path and plaintext secrets refused: "
                    + "every password and CPR will be rejected");
        }
        return new SecretResolver(keys, properties.allowPlaintextSecrets());
    }

    /**
     * Encryption to this worker's own public key, for producers inside the application (the console):
     * they send secrets as any producer must; plaintext only while the worker has no key and
     * {@code allow-plaintext-secrets} is set, and otherwise none at all.
     */
    @Bean
    SecretEncryption workerSecretEncryption(JweKeys keys, SecurityProperties properties) {
        return SecretEncryption.toOneOf(keys.keys(), null)
                .orElseGet(() -> SecretEncryption.withoutKey(properties.allowPlaintextSecrets()));
    }

    @Bean
    PasswordHasher passwordHasher(SecurityProperties properties) {
        return new PasswordHasher(properties.password().toParameters());
    }

    @Bean
    CprProtector cprProtector(SecurityProperties properties) {
        SecurityProperties.Cpr cpr = properties.cpr();
        return CprProtector.fromBase64(cpr.keysById(), cpr.activeKeyId(), cpr.blindIndexKey());
    }
}
