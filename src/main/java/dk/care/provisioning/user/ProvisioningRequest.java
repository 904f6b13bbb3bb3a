package dk.care.provisioning.user;

import dk.care.provisioning.organisation.UserType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request to create one user, as it arrived: fields may be null, blank or invalid, because
 * validation reports every problem at once rather than failing on the first.
 */
public record ProvisioningRequest(
        @Nullable String requestId,
        @Nullable String correlationId,
        @Nullable String source,
        @Nullable String requestedBy,
        @Nullable Instant requestedAt,
        @Nullable String organisationId,
        @Nullable String departmentId,
        @Nullable String roleId,
        @Nullable UserType userType,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String externalId,
        @Nullable String locale,
        @Nullable LoginMethod login) {

    /** The same request with its login replaced, e.g. once secrets are decrypted. */
    public ProvisioningRequest withLogin(@Nullable LoginMethod newLogin) {
        return new ProvisioningRequest(requestId, correlationId, source, requestedBy, requestedAt, organisationId,
                departmentId, roleId, userType, name, email, phone, externalId, locale, newLogin);
    }
}
