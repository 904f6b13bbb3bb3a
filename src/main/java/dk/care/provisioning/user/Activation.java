package dk.care.provisioning.user;

import java.time.Instant;
import java.util.UUID;

/** A self-registering user became ACTIVE with the username it chose, redeeming an invitation. */
public record Activation(UUID eventId, UUID userId, String requestId, String organisationId, String username,
                         UUID invitationId, Instant occurredAt) {
}
