package dk.care.provisioning.console;

import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.ErrorCode;
import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator filled in on one of a user's change pages (each page uses its own fields), and
 * the user's version the page showed, which the request carries as {@code expectedVersion}: a change
 * made meanwhile by anyone else turns this one into a {@code VERSION_CONFLICT} instead of a lost update.
 */
record ChangeForm(
        @Nullable String departmentId,
        @Nullable String roleId,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String locale,
        @Nullable String reason,
        @Nullable Boolean confirmed,
        @Nullable Long expectedVersion) implements Serializable {

    /** The form as a page first shows it: the user's current placement and contact details, and version. */
    static ChangeForm of(UserSummary user) {
        return new ChangeForm(user.departmentId(), user.roleId(), user.name(), user.email(), user.phone(),
                user.locale(), null, null, user.version());
    }

    /**
     * The form to show again after the worker rejected it with {@code errors}: after a version conflict,
     * made against the user's current version, so that the person, having seen what changed meanwhile,
     * can send it again; after any other rejection, still against the version they saw. An erasure's
     * confirmation is never carried over.
     */
    ChangeForm afterRejection(List<RequestState.Error> errors, long currentVersion) {
        boolean conflict = errors.stream().anyMatch(error -> ErrorCode.VERSION_CONFLICT.name().equals(error.code()));
        return new ChangeForm(departmentId, roleId, name, email, phone, locale, reason, null,
                conflict ? Long.valueOf(currentVersion) : expectedVersion);
    }

    /** Whether the administrator ticked the erasure's confirmation. */
    boolean isConfirmed() {
        return Boolean.TRUE.equals(confirmed);
    }

    /**
     * The change this form asks of {@code current} for {@code action}. Contact details carry only the
     * fields that differ from the user's: a field left as it was, or emptied, stays as it is (a change
     * names what it changes, and an unchanged old value is not judged again).
     */
    UserChange change(UserAction action, UserSummary current) {
        return switch (action) {
            case MOVE -> new UserChange.Move(text(departmentId), text(roleId));
            case CHANGE_CONTACT -> new UserChange.UpdateContact(changed(name, current.name()),
                    changed(email, current.email()), changed(phone, current.phone()), changed(locale, current.locale()));
            case DEACTIVATE -> new UserChange.Deactivate(optional(reason));
            case REACTIVATE -> new UserChange.Reactivate();
            case ERASE -> new UserChange.Erase();
        };
    }

    private static @Nullable String changed(@Nullable String typed, @Nullable String current) {
        String value = optional(typed);
        return value == null || value.equals(current) ? null : value;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable String optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
