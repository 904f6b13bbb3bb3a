package dk.care.provisioning.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    @Bean
    PasswordPolicy passwordPolicy(PasswordProperties properties) {
        return new PasswordPolicy(properties.minLength());
    }

    @Bean
    FieldRules fieldRules(PasswordPolicy passwordPolicy) {
        return new FieldRules(passwordPolicy);
    }
}
