package dk.care.provisioning.user;

import dk.care.provisioning.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UserConfiguration.class);

    @Bean
    PasswordPolicy passwordPolicy(PasswordProperties properties) {
        return new PasswordPolicy(properties.minLength());
    }

    @Bean
    PasswordHashing passwordHashing(PasswordHasher hasher, PasswordProperties properties) {
        int threads = PasswordHashing.threadsFor(properties.hashingThreads(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), hasher.parameters().memoryKib());
        log.info("Argon2id: {} hashing thread(s), {} KiB each", threads, hasher.parameters().memoryKib());
        return new PasswordHashing(hasher::hash, threads);
    }

    @Bean
    CredentialRules credentialRules(PasswordPolicy passwordPolicy) {
        return new CredentialRules(passwordPolicy);
    }

    @Bean
    FieldRules fieldRules(CredentialRules credentialRules) {
        return new FieldRules(credentialRules);
    }
}
