package dk.care.provisioning.user;

/** Lifecycle state of a user account. */
public enum UserStatus {
    /** Created by phone self-registration; the user has not yet chosen a login. */
    PENDING_SELF_REGISTRATION,
    ACTIVE
}
