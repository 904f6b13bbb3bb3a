package dk.care.provisioning.invitation;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A self-registration invitation; only the SHA-256 of its token is stored. */
@Table("invitation")
record Invitation(
        @Id UUID id,
        UUID userId,
        String tokenHash,
        String phone,
        String locale,
        Status status,
        int attempts,
        Instant expiresAt,
        Instant createdAt) {

    enum Status {
        PENDING, SENT, DELIVERY_FAILED, EXPIRED, REDEEMED, REVOKED
    }
}
