package dk.care.provisioning.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What became of one request: exactly one of these is published per requestId. */
public sealed interface ProvisioningOutcome {

    UUID eventId();

    String requestId();

    String correlationId();

    Instant occurredAt();

    /** The user was created. Carries no secret: a username at most. */
    record Created(
            UUID eventId,
            String requestId,
            String correlationId,
            Instant occurredAt,
            UUID userId,
            String organisationId,
            String departmentId,
            String roleId,
            UserType userType,
            LoginMethod.Kind loginMethod,
            UserStatus status,
            String name,
            String email,
            String phone,
            String username,
            String externalId,
            UUID invitationId) implements ProvisioningOutcome {
    }

    /**
     * The request was rejected, with every violation found. The fields echoed from the request may
     * be what made it fail, so they are kept in their {@linkplain SafeText#reported reported form}:
     * an oversized or unprintable value can neither make the event too large to publish nor reach
     * a reader unescaped.
     */
    record Rejected(
            UUID eventId,
            String requestId,
            String correlationId,
            Instant occurredAt,
            String source,
            String organisationId,
            List<Violation> violations) implements ProvisioningOutcome {

        public Rejected {
            requestId = SafeText.reported(requestId);
            correlationId = SafeText.reported(correlationId);
            source = SafeText.reported(source);
            organisationId = SafeText.reported(organisationId);
            violations = List.copyOf(violations);
        }
    }
}
