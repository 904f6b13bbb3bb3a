package dk.care.provisioning.invitation;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A self-registration invitation. Only the SHA-256 of its token is kept for look-ups; until the SMS
 * is out the token itself is held encrypted ({@link TokenVault}) and wiped on every final status.
 * Its status changes only by a {@link Transition}, which names the statuses it may leave.
 */
@Table("invitation")
record Invitation(
        @Id UUID id,
        UUID userId,
        String tokenHash,
        @Nullable String tokenCiphertext,
        String phone,
        String locale,
        Status status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        Instant expiresAt,
        Instant createdAt) {

    /** Whether {@code transition} may leave this invitation's status. */
    boolean allows(Transition transition) {
        return transition.leaves(status);
    }

    enum Status {
        PENDING, SENT, DELIVERY_FAILED, EXPIRED, REDEEMED, REVOKED;

        /** Whether a token of this status may still be redeemed (before its expiry). */
        boolean redeemable() {
            return Transition.REDEEM.leaves(this);
        }
    }

    /**
     * The invitation's state machine: every change of status, the status it leads to and the only
     * statuses it may leave. {@link InvitationStore} guards each of its {@code update}s with these, so an
     * invitation changed meanwhile (by another instance, or a redemption racing a revocation) is left alone.
     */
    enum Transition {
        /** The SMS went out: only while it was still to be sent. */
        SEND(Status.SENT, Status.PENDING),
        /** The provider refused the SMS, or the last allowed attempt failed. */
        FAIL(Status.DELIVERY_FAILED, Status.PENDING),
        /** Its expiry passed while it could still be redeemed. */
        EXPIRE(Status.EXPIRED, Status.PENDING, Status.SENT, Status.DELIVERY_FAILED),
        /** The invitee chose a username and password; after a failed delivery too, as a timed-out gateway call may well have delivered the SMS. */
        REDEEM(Status.REDEEMED, Status.PENDING, Status.SENT, Status.DELIVERY_FAILED),
        /** An administrator revoked it, or replaced it by a resend. */
        REVOKE(Status.REVOKED, Status.PENDING, Status.SENT, Status.DELIVERY_FAILED),
        /** Its user was deactivated: the link must stop working with the account. */
        REVOKE_ON_DEACTIVATION(Status.REVOKED, Status.PENDING, Status.SENT, Status.DELIVERY_FAILED);

        private final Status to;
        private final Set<Status> from;

        Transition(Status to, Status first, Status... rest) {
            this.to = to;
            this.from = Collections.unmodifiableSet(EnumSet.of(first, rest));
        }

        /** The status the invitation has afterwards. */
        Status to() {
            return to;
        }

        /** The statuses this transition may leave; every other status stays as it is. */
        Set<Status> from() {
            return from;
        }

        boolean leaves(Status status) {
            return from.contains(status);
        }

        /** The statuses it may leave by name, as stored in the {@code status} column. */
        List<String> fromNames() {
            return from.stream().map(Status::name).toList();
        }
    }
}
