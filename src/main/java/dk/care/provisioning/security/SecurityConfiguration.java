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
    SecretResolver secretResolver(SecurityProperties properties) {
        if (properties.allowPlaintextSecrets()) {
            log.warn("provisioning.security.allow-plaintext-secrets=true: passwords and CPR numbers are accepted "
                    + "unencrypted on the requests topic. For development only, never with real data");
        }
        String keySetPath = properties.jwe().keySetPath();
        if (keySetPath == null || keySetPath.isBlank()) {
            if (!properties.allowPlaintextSecrets()) {
                log.warn("No provisioning.security.jwe.key-set-path and plaintext secrets refused: "
                        + "every password and CPR will be rejected");
            }
            return new SecretResolver(JweKeys.none(), properties.allowPlaintextSecrets());
        }
        JweKeys keys = JweKeys.load(Path.of(keySetPath));
        log.info("Loaded {} JWE decryption key(s), kids {}", keys.size(), keys.keyIds());
        return new SecretResolver(keys, properties.allowPlaintextSecrets());
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
