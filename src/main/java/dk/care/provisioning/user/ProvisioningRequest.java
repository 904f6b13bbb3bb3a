package dk.care.provisioning.user;

import java.time.Instant;

/**
 * A request to create one user, as it arrived: fields may be null, blank or invalid, because
 * validation reports every problem at once rather than failing on the first.
 */
public record ProvisioningRequest(
        String requestId,
        String correlationId,
        String source,
        String requestedBy,
        Instant requestedAt,
        String organisationId,
        String departmentId,
        String roleId,
        UserType userType,
        String name,
        String email,
        String phone,
        String externalId,
        String locale,
        LoginMethod login) {

    /** The same request with its login replaced, e.g. once secrets are decrypted. */
    public ProvisioningRequest withLogin(LoginMethod newLogin) {
        return new ProvisioningRequest(requestId, correlationId, source, requestedBy, requestedAt, organisationId,
                departmentId, roleId, userType, name, email, phone, externalId, locale, newLogin);
    }
}
