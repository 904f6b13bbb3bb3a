package dk.care.provisioning.importer;

import org.jspecify.annotations.Nullable;

/**
 * A user as the compacted users topic last described it, as much as a sync compares: where the user
 * works, the contact details, whether the user is active, and which system created the user
 * ({@code source}, null when the worker did not record it).
 */
record CurrentUser(String userId, long version, String departmentId, String roleId, Status status,
                   @Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String locale,
                   String externalId, @Nullable String source) {

    /** Whether the user can still sign in, left, or is gone. */
    enum Status { ACTIVE, DEACTIVATED, ERASED }
}
