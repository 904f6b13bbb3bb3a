package dk.care.provisioning.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvitationCodeTest {

    private static final String TOKEN = "GBGp" + "x".repeat(39);

    @Test
    void findsTheTokenInTheWholeLinkTheFragmentOrTheTokenAlone() {
        assertThat(InvitationCode.tokenIn("http://localhost:8080/register#/" + TOKEN)).isEqualTo(TOKEN);
        assertThat(InvitationCode.tokenIn("  https://register.example.org/#" + TOKEN + "\n")).isEqualTo(TOKEN);
        assertThat(InvitationCode.tokenIn("/" + TOKEN)).isEqualTo(TOKEN);
        assertThat(InvitationCode.tokenIn(TOKEN)).isEqualTo(TOKEN);
        assertThat(InvitationCode.tokenIn(null)).isNull();
    }
}
