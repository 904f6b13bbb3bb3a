package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user as an admin UI lists it: who, where (department and role by id and by name), how they sign in,
 * its status and version (what a change's {@code expectedVersion} names), the language they are written
 * to in, and their latest invitation. Holds nothing secret: no password
 * hash, no CPR, no token or token hash.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserSummary(
        UUID userId,
        String requestId,
        String organisationId,
        String departmentId,
        String departmentName,
        String roleId,
        String roleName,
        UserType userType,
        LoginMethod.Kind loginMethod,
        UserStatus status,
        long version,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String username,
        @Nullable String externalId,
        String locale,
        Instant createdAt,
        @Nullable Invitation invitation) {

    /** The user's latest invitation (phone self-registration only). */
    public record Invitation(UUID invitationId, String status, Instant expiresAt) {
    }
}
