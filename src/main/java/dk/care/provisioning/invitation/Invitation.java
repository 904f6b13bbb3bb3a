package dk.care.provisioning.invitation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A self-registration invitation. Only the SHA-256 of its token is kept for look-ups; until the SMS
 * is out the token itself is held encrypted ({@link TokenVault}) and wiped on every final status.
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

    enum Status {
        PENDING, SENT, DELIVERY_FAILED, EXPIRED, REDEEMED, REVOKED;

        /** Whether a token of this status may still be redeemed (before its expiry). */
        boolean redeemable() {
            // DELIVERY_FAILED too: a timed-out gateway call may well have delivered the SMS.
            return this == PENDING || this == SENT || this == DELIVERY_FAILED;
        }
    }
}
