package dk.care.provisioning.lifecycle;

import org.jspecify.annotations.Nullable;

/** What a change request asks for (docs/design.md §11); fields as they came, judged by the rules. */
public sealed interface Change {

    ChangeKind kind();

    /** New contact details; an absent or blank field stays as it is. */
    record UpdateContact(@Nullable String name, @Nullable String email, @Nullable String phone,
                         @Nullable String locale) implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.UPDATE_CONTACT;
        }
    }

    /** Another department and role, under the reference rules of creation. */
    record Move(@Nullable String departmentId, @Nullable String roleId) implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.MOVE;
        }
    }

    /** The leaver: no login works, no invitation stays live. The reason is not kept: it may be personal. */
    record Deactivate(@Nullable String reason) implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.DEACTIVATE;
        }
    }

    /** Back to the status before deactivation. */
    record Reactivate() implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.REACTIVATE;
        }
    }

    /** The personal data of a deactivated user removed for good. */
    record Erase() implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.ERASE;
        }
    }

    /** Withdraws the scheduled change of this user made by request {@code requestId}. */
    record CancelScheduled(@Nullable String requestId) implements Change {

        @Override
        public ChangeKind kind() {
            return ChangeKind.CANCEL_SCHEDULED;
        }
    }
}
