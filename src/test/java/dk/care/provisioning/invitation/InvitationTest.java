package dk.care.provisioning.invitation;

import static dk.care.provisioning.invitation.Invitation.Status.DELIVERY_FAILED;
import static dk.care.provisioning.invitation.Invitation.Status.EXPIRED;
import static dk.care.provisioning.invitation.Invitation.Status.PENDING;
import static dk.care.provisioning.invitation.Invitation.Status.REDEEMED;
import static dk.care.provisioning.invitation.Invitation.Status.REVOKED;
import static dk.care.provisioning.invitation.Invitation.Status.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.invitation.Invitation.Status;
import dk.care.provisioning.invitation.Invitation.Transition;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The invitation's state machine: which status each transition leaves and where it leads. */
class InvitationTest {

    private static final Set<Status> LIVE = EnumSet.of(PENDING, SENT, DELIVERY_FAILED);

    @Test
    void onlyAnInvitationStillToBeSentCanBeSentOrFail() {
        assertThat(Transition.SEND.from()).containsExactly(PENDING);
        assertThat(Transition.SEND.to()).isEqualTo(SENT);
        assertThat(Transition.FAIL.from()).containsExactly(PENDING);
        assertThat(Transition.FAIL.to()).isEqualTo(DELIVERY_FAILED);
    }

    @Test
    void aLiveInvitationCanExpireBeRedeemedOrBeRevoked() {
        assertThat(Transition.EXPIRE.from()).isEqualTo(LIVE);
        assertThat(Transition.EXPIRE.to()).isEqualTo(EXPIRED);
        assertThat(Transition.REDEEM.from()).isEqualTo(LIVE);
        assertThat(Transition.REDEEM.to()).isEqualTo(REDEEMED);
        assertThat(Transition.REVOKE.from()).isEqualTo(LIVE);
        assertThat(Transition.REVOKE.to()).isEqualTo(REVOKED);
    }

    @Test
    void deactivatingItsUserRevokesEveryLiveInvitation() {
        assertThat(Transition.REVOKE_ON_DEACTIVATION.from()).isEqualTo(LIVE);
        assertThat(Transition.REVOKE_ON_DEACTIVATION.to()).isEqualTo(REVOKED);
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"EXPIRED", "REDEEMED", "REVOKED"})
    void aFinalStatusIsLeftByNoTransition(Status status) {
        assertThat(Transition.values()).noneMatch(transition -> transition.leaves(status));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void aTokenIsRedeemableExactlyWhenRedemptionMayLeaveItsStatus(Status status) {
        // A failed delivery stays redeemable: a timed-out gateway call may well have delivered the SMS.
        assertThat(status.redeemable()).isEqualTo(LIVE.contains(status));
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void noTransitionLeadsBackToAStatusItLeaves(Transition transition) {
        assertThat(transition.leaves(transition.to())).isFalse();
        assertThat(transition.fromNames()).containsExactlyElementsOf(
                transition.from().stream().map(Status::name).toList());
    }

    @Test
    void anInvitationAllowsTheTransitionsThatLeaveItsStatus() {
        assertThat(Arrays.stream(Transition.values()).filter(invitation(SENT)::allows))
                .containsExactlyInAnyOrder(Transition.EXPIRE, Transition.REDEEM, Transition.REVOKE,
                        Transition.REVOKE_ON_DEACTIVATION);
        assertThat(Arrays.stream(Transition.values()).filter(invitation(REDEEMED)::allows)).isEmpty();
    }

    private static Invitation invitation(Status status) {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        return new Invitation(UUID.randomUUID(), UUID.randomUUID(), "hash", null, "+4520123456", "da", status, 1,
                null, now.plusSeconds(3600), now);
    }
}
