package dk.care.provisioning.user;

import dk.care.provisioning.organisation.UserType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What became of one request: exactly one of these is published per requestId. */
public sealed interface ProvisioningOutcome {

    UUID eventId();

    String requestId();

    @Nullable String correlationId();

    Instant occurredAt();

    @Nullable String organisationId();

    /** The user was created. Carries no secret: a username at most. */
    record Created(
            UUID eventId,
            String requestId,
            @Nullable String correlationId,
            Instant occurredAt,
            UUID userId,
            String organisationId,
            String departmentId,
            String roleId,
            UserType userType,
            LoginMethod.Kind loginMethod,
            UserStatus status,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String username,
            @Nullable String externalId,
            @Nullable UUID invitationId) implements ProvisioningOutcome {

        /** The outcome of creating this user, at the moment it was created. */
        static Created of(User user, @Nullable String correlationId) {
            NewInvitation invitation = user.invitation();
            return new Created(UUID.randomUUID(), user.requestId(), correlationId, user.createdAt(), user.id(),
                    user.organisationId(), user.departmentId(), user.roleId(), user.userType(), user.login().kind(),
                    user.status(), user.name(), user.email(), user.phone(), user.username(), user.externalId(),
                    invitation == null ? null : invitation.id());
        }
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
            @Nullable String correlationId,
            Instant occurredAt,
            @Nullable String source,
            @Nullable String organisationId,
            List<Violation> violations) implements ProvisioningOutcome {

        public Rejected {
            requestId = SafeText.reported(requestId);
            correlationId = SafeText.reported(correlationId);
            source = SafeText.reported(source);
            organisationId = SafeText.reported(organisationId);
            violations = List.copyOf(violations);
        }

        /** The rejection of a request; one without a requestId is answered under the empty one. */
        static Rejected of(UUID eventId, ProvisioningRequest request, List<Violation> violations, Instant at) {
            return new Rejected(eventId, Objects.requireNonNullElse(request.requestId(), ""), request.correlationId(),
                    at, request.source(), request.organisationId(), violations);
        }
    }
}
