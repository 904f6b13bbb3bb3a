package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up with missing invitation settings: the failure says which variable to set and how. */
class InvitationConfigurationTest {

    private static final String KEY = randomKey();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, InvitationConfiguration.class)
            .withPropertyValues("provisioning.invitations.dispatch.enabled=false");

    @Test
    void refusesToStartWithoutTokenKeysNamingTheVariables() {
        runner.withPropertyValues("provisioning.invitations.provider.type=log").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(
                    "set PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_KEYS to <key id>:<key>, the key from 'openssl rand -base64 32'",
                    "set PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_ACTIVE_KEY_ID to the key id in");
        });
    }

    @Test
    void refusesToStartTheHttpProviderWithoutItsUrlNamingTheVariableAndTheAlternative() {
        runner.withPropertyValues("provisioning.invitations.token-encryption.keys=token-1:" + KEY,
                "provisioning.invitations.token-encryption.active-key-id=token-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("set PROVISIONING_INVITATIONS_PROVIDER_HTTP_URL",
                    "PROVISIONING_INVITATIONS_PROVIDER_TYPE=kafka").doesNotContain(KEY);
        });
    }

    @Test
    void refusesAPlainHttpGatewayOutsideLocalhostNamingTheVariable() {
        runner.withPropertyValues("provisioning.invitations.token-encryption.keys=token-1:" + KEY,
                "provisioning.invitations.token-encryption.active-key-id=token-1",
                "provisioning.invitations.provider.http.url=http://sms.example.org/send").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("must be reached over https",
                    "set PROVISIONING_INVITATIONS_PROVIDER_HTTP_URL to an https:// URL");
        });
    }

    @Test
    void startsWithAnHttpsGatewayOrAPlainHttpOneOnThisMachine() {
        for (String url : List.of("https://sms.example.org/send", "http://localhost:9999/sms", "http://127.0.0.1:9999/sms",
                "http://[::1]:9999/sms")) {
            runner.withPropertyValues("provisioning.invitations.token-encryption.keys=token-1:" + KEY,
                    "provisioning.invitations.token-encryption.active-key-id=token-1",
                    "provisioning.invitations.provider.http.url=" + url)
                    .run(context -> assertThat(context).as(url).hasNotFailed());
        }
    }

    @Test
    void startsWithKeysWrittenAsOneSetting() {
        runner.withPropertyValues("provisioning.invitations.provider.type=log",
                "provisioning.invitations.token-encryption.keys=token-1:" + KEY + ",token-2:" + randomKey(),
                "provisioning.invitations.token-encryption.active-key-id=token-2").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(InvitationProperties.class).toString()).doesNotContain(KEY);
        });
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(InvitationProperties.class)
    static class Properties {
    }
}
