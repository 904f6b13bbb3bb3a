package dk.care.provisioning.console;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * A change of one user as the console asks for it, one case per {@link UserAction} and the withdrawal of a
 * scheduled change; published as the {@code change} of a {@code ChangeUserRequest}. Texts go to the worker as typed, whose rules judge them.
 */
sealed interface UserChange extends Serializable {

    /** Another department and role of the user's organisation. */
    record Move(String departmentId, String roleId) implements UserChange {
    }

    /** New contact details; an absent field stays as it is. */
    record UpdateContact(@Nullable String name, @Nullable String email, @Nullable String phone,
                         @Nullable String locale) implements UserChange {

        boolean changesNothing() {
            return name == null && email == null && phone == null && locale == null;
        }
    }

    /** The leaver, with the reason the administrator gave, if any. */
    record Deactivate(@Nullable String reason) implements UserChange {
    }

    /** Back to the status before deactivation. */
    record Reactivate() implements UserChange {
    }

    /** The deactivated user's personal data removed. */
    record Erase() implements UserChange {
    }

    /** A change of the user scheduled for later, named by its requestId, withdrawn before it is due. */
    record CancelScheduled(String requestId) implements UserChange {
    }
}
