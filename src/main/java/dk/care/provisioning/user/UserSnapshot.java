package dk.care.provisioning.user;

import dk.care.provisioning.organisation.UserType;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user as the users feed publishes it (docs/design.md §11): placement, login method, status and
 * contact details, never a secret, hash, CPR or token; {@code source} is that of the request that created
 * the user (null when the worker does not know it), since an HR sync deactivates only its own users.
 */
public record UserSnapshot(
        UUID userId,
        long version,
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
        Instant updatedAt,
        @Nullable String locale,
        @Nullable String source) {
}
