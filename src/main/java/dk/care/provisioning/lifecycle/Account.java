package dk.care.provisioning.lifecycle;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An existing user as its changes see it, and the transitions between its states (docs/lifecycle.md).
 * Each transition returns the account after it with the names of the fields it set to a new value;
 * the version grows by one when any did, and stays when the change found everything as asked (a
 * repeated Deactivate). Rules that refuse a change are the caller's ({@link ChangeRules}): a
 * transition is only asked of an account that may take it.
 */
record Account(
        UUID id,
        String organisationId,
        String departmentId,
        String roleId,
        UserType userType,
        LoginMethod.Kind loginMethod,
        UserStatus status,
        @Nullable UserStatus statusBeforeDeactivation,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String externalId,
        String locale,
        long version,
        Instant updatedAt,
        @Nullable Instant deactivatedAt) {

    /** An account after a transition, and the fields it set to a new value. */
    record Applied(Account account, List<String> changedFields) {

        Applied {
            changedFields = List.copyOf(changedFields);
        }
    }

    Applied updateContact(@Nullable String newName, @Nullable String newEmail, @Nullable String newPhone,
                          @Nullable String newLocale, Instant now) {
        List<String> changed = new ArrayList<>();
        String name = changed(changed, "name", this.name, newName);
        String email = changed(changed, "email", this.email, newEmail);
        String phone = changed(changed, "phone", this.phone, newPhone);
        String locale = Objects.requireNonNull(changed(changed, "locale", this.locale, newLocale));
        return bumped(new Account(id, organisationId, departmentId, roleId, userType, loginMethod, status,
                statusBeforeDeactivation, name, email, phone, externalId, locale, version, updatedAt, deactivatedAt),
                changed, now);
    }

    Applied move(String newDepartmentId, String newRoleId, Instant now) {
        List<String> changed = new ArrayList<>();
        String department = Objects.requireNonNull(changed(changed, "departmentId", departmentId, newDepartmentId));
        String role = Objects.requireNonNull(changed(changed, "roleId", roleId, newRoleId));
        return bumped(new Account(id, organisationId, department, role, userType, loginMethod, status,
                statusBeforeDeactivation, name, email, phone, externalId, locale, version, updatedAt, deactivatedAt),
                changed, now);
    }

    /** DEACTIVATED, remembering the status to return to; nothing changes for a deactivated account. */
    Applied deactivate(Instant now) {
        if (status == UserStatus.DEACTIVATED) {
            return new Applied(this, List.of());
        }
        return bumped(withStatus(UserStatus.DEACTIVATED, status, now), List.of("status"), now);
    }

    /** Back to the status before deactivation; nothing changes for an account that is not deactivated. */
    Applied reactivate(Instant now) {
        if (status != UserStatus.DEACTIVATED) {
            return new Applied(this, List.of());
        }
        UserStatus previous = Objects.requireNonNullElse(statusBeforeDeactivation, UserStatus.ACTIVE);
        return bumped(withStatus(previous, null, null), List.of("status"), now);
    }

    /**
     * ERASED, for a deactivated account only, without its contact details and external id; every other
     * copy of its personal data goes with the erasure the caller runs.
     */
    Applied erase(Instant now) {
        if (status != UserStatus.DEACTIVATED) {
            throw new IllegalStateException("only a deactivated user is erased, not one " + status);
        }
        return bumped(new Account(id, organisationId, departmentId, roleId, userType, loginMethod, UserStatus.ERASED,
                null, null, null, null, null, locale, version, updatedAt, deactivatedAt), List.of("status"), now);
    }

    /** This account with another status and nothing else changed. */
    Account withStatus(UserStatus newStatus) {
        return withStatus(newStatus, statusBeforeDeactivation, deactivatedAt);
    }

    private Account withStatus(UserStatus newStatus, @Nullable UserStatus before, @Nullable Instant deactivated) {
        return new Account(id, organisationId, departmentId, roleId, userType, loginMethod, newStatus, before, name,
                email, phone, externalId, locale, version, updatedAt, deactivated);
    }

    private Applied bumped(Account changed, List<String> fields, Instant now) {
        if (fields.isEmpty()) {
            return new Applied(this, fields);
        }
        return new Applied(new Account(changed.id, changed.organisationId, changed.departmentId, changed.roleId,
                changed.userType, changed.loginMethod, changed.status, changed.statusBeforeDeactivation, changed.name,
                changed.email, changed.phone, changed.externalId, changed.locale, version + 1, now,
                changed.deactivatedAt), fields);
    }

    /** The new value if one is given and differs, noting the field; the current value otherwise. */
    private static @Nullable String changed(List<String> changed, String field, @Nullable String current,
                                            @Nullable String requested) {
        if (requested == null || requested.equals(current)) {
            return current;
        }
        changed.add(field);
        return requested;
    }
}
