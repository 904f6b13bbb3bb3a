package dk.care.provisioning.security;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code --provisioning.security.cpr.reencrypt=true}: after a CPR key rotation, re-encrypt every
 * stored CPR under the active key, then exit (status 0, or 1 when rows could not be decrypted).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("provisioning.security.cpr.reencrypt")
class CprReEncryptionCommand {

    @Bean
    ApplicationRunner cprReEncryptionRunner(JdbcClient jdbc, TransactionTemplate transactions, CprProtector cprs,
                                            SecurityProperties properties, ConfigurableApplicationContext context) {
        return args -> {
            CprReEncryption.Result result =
                    new CprReEncryption(jdbc, transactions, cprs, properties.cpr().reencryptBatchSize()).run();
            System.exit(SpringApplication.exit(context, () -> result.unreadable() == 0 ? 0 : 1));
        };
    }
}
