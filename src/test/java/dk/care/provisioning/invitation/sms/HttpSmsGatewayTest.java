package dk.care.provisioning.invitation.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.invitation.FakeSmsGateway;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP SMS provider against a real HTTP server: how each answer is classified. */
class HttpSmsGatewayTest {

    private final FakeSmsGateway gateway = new FakeSmsGateway();
    // Generous: the first call of a fresh HttpClient is slow on a loaded machine.
    private final HttpSmsGateway provider = new HttpSmsGateway(URI.create(gateway.url()), "gateway-secret",
            Duration.ofSeconds(5));
    private final Sms sms = new Sms(UUID.randomUUID(), "+4520123456", "Demo Care: https://example.org/register#/abc");

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void postsJsonWithBearerTokenAndAcceptsA2xx() {
        gateway.script(sms.phone(), 202);

        provider.send(sms);

        assertThat(gateway.received()).singleElement().satisfies(received -> {
            assertThat(received.to()).isEqualTo("+4520123456");
            assertThat(received.message()).isEqualTo(sms.text());
            assertThat(received.reference()).isEqualTo(sms.invitationId().toString());
            assertThat(received.authorization()).isEqualTo("Bearer gateway-secret");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 422})
    void treatsA4xxAsPermanent(int status) {
        gateway.script(sms.phone(), status);

        assertThatThrownBy(() -> provider.send(sms)).isInstanceOf(DeliveryException.Permanent.class)
                .hasMessage("HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503})
    void treatsA429Or5xxAsTransient(int status) {
        gateway.script(sms.phone(), status);

        assertThatThrownBy(() -> provider.send(sms)).isInstanceOf(DeliveryException.Transient.class)
                .hasMessage("HTTP " + status);
    }

    @Test
    void treatsATimeoutAsTransient() {
        gateway.delayAnswers(Duration.ofSeconds(3));
        var impatient = new HttpSmsGateway(URI.create(gateway.url()), null, Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.send(sms)).isInstanceOf(DeliveryException.Transient.class)
                .hasMessageContaining("Timeout");
    }

    @Test
    void treatsAnUnreachableGatewayAsTransientWithoutQuotingTheText() {
        gateway.close();

        assertThatThrownBy(() -> provider.send(sms)).isInstanceOf(DeliveryException.Transient.class)
                .message().doesNotContain("register");
    }
}
