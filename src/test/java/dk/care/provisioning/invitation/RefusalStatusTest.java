package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.invitation.Redemptions.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RefusalStatusTest {

    @Test
    void anUnknownTokenIsNotFoundASpentOneGoneAndTooManyAttemptsAskToWait() {
        assertThat(RefusalStatus.of(Refusal.INVITATION_NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(RefusalStatus.of(Refusal.INVITATION_EXPIRED)).isEqualTo(HttpStatus.GONE);
        assertThat(RefusalStatus.of(Refusal.INVITATION_REVOKED)).isEqualTo(HttpStatus.GONE);
        assertThat(RefusalStatus.of(Refusal.INVITATION_ALREADY_USED)).isEqualTo(HttpStatus.GONE);
        assertThat(RefusalStatus.of(Refusal.TOO_MANY_ATTEMPTS)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }
}
