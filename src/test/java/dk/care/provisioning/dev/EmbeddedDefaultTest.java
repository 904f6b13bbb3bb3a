package dk.care.provisioning.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The README's run command works: the embedded default starts, prints an outcome for every sample and stops cleanly. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultTest {

    @Test
    void printsAnOutcomeForEverySampleRequestAndStopsPostgresOnClose(CapturedOutput output) {
        EmbeddedDatabase db;
        try (ConfigurableApplicationContext context = LocalWorkerApplication.run(
                "--provisioning.dev.kafka-port=0",
                "--provisioning.dev.kafka-controller-port=0",
                "--provisioning.dev.registry-port=0",
                "--server.port=0",
                "--management.server.port=0").getApplicationContext()) {
            db = context.getBean(EmbeddedDatabase.class);
        }

        for (DemoRequests.Sample sample : DemoRequests.valid(HrSystemEncryption.plaintext())) {
            assertThat(output).containsPattern(Pattern.quote(sample.description()) + " +UserCreated ");
        }
        for (DemoRequests.Sample sample : DemoRequests.invalid(HrSystemEncryption.plaintext())) {
            assertThat(output).containsPattern(Pattern.quote(sample.description()) + " +UserCreationFailed ");
        }
        assertThat(output).contains("USERNAME_TAKEN", "CPR_ALREADY_REGISTERED", "MITID_NOT_ENABLED",
                "PHONE_MISSING_COUNTRY_CODE", "PASSWORD_TOO_WEAK", "ROLE_NOT_ALLOWED_FOR_USER_TYPE");
        assertThat(output).containsPattern("WARN .*allow-plaintext-secrets=true")
                .contains("secrets as JWE: passwords RSA-OAEP-256 to kid demo-rsa, CPR ECDH-ES to kid demo-ec");
        // The log provider prints the invitation link of each phone self-registration demo user, the
        // token in the fragment, which a browser never sends to a server.
        assertThat(output).containsPattern("SMS to \\+4520123456 .*Demo Care .*http://localhost:8080/register#/[A-Za-z0-9_-]{43}")
                .containsPattern("SMS to \\+46701234567 .*Demo Omsorg .*http://localhost:8080/register#/[A-Za-z0-9_-]{43}");
        // Beside the all-organisations sign-in and token, an administrator and an API client of Demo Omsorg alone.
        assertThat(output).contains(DemoRunner.DEMO_ADMIN + " / " + DemoRunner.DEMO_ADMIN_PASSWORD,
                DemoRunner.DEMO_OMSORG_ADMIN + " / " + DemoRunner.DEMO_OMSORG_ADMIN_PASSWORD + " (creates users; demo-omsorg only)",
                "Bearer " + DemoRunner.DEMO_OMSORG_TOKEN + "' (demo-omsorg only)");
        // Actuator is on its own port, which the demo names: a free one here, so not the default 8090.
        assertThat(output).containsPattern("health at http://localhost:(?!8090\\b)\\d+/actuator/health");
        // Closing the context must stop PostgreSQL, or a fixed port stays blocked by an orphan.
        assertThat(isListening(db.port())).isFalse();
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
