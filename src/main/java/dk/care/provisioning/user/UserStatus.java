package dk.care.provisioning.user;

/** Lifecycle state of a user account. */
public enum UserStatus {
    /** Created by phone self-registration; the user has not yet chosen a login. */
    PENDING_SELF_REGISTRATION,
    ACTIVE,
    /** A leaver: no login works and no invitation is live until the user is reactivated. */
    DEACTIVATED,
    /** Deactivated, and the personal data removed; final. */
    ERASED
}
