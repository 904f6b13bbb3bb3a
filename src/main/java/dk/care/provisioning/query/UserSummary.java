package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        String userType,
        String loginMethod,
        String status,
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
