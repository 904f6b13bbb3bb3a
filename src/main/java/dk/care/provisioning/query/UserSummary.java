package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user as an admin UI lists it: who, where, how they sign in, and their latest invitation. Holds
 * nothing secret: no password hash, no CPR, no token or token hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserSummary(
        UUID userId,
        String requestId,
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
        Instant createdAt,
        @Nullable Invitation invitation) {

    /** The user's latest invitation (phone self-registration only). */
    public record Invitation(UUID invitationId, String status, Instant expiresAt) {
    }
}
