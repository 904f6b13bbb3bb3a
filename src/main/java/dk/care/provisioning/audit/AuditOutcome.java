package dk.care.provisioning.audit;

/** What an audited action came to; stored by name in {@code audit_entry.outcome}. */
public enum AuditOutcome {
    /** A creation request made a user. */
    CREATED,
    /** A creation request was refused; the entry lists its error codes. */
    FAILED,
    /** The invited person chose their login. */
    SELF_REGISTERED,
    INVITATION_RESENT,
    INVITATION_REVOKED,
    DEAD_LETTER_REPLAYED,
    DEAD_LETTER_REPLAY_FAILED,
    /** A console sign-in; the entry's error codes hold nothing, its source the sign-in method. */
    SIGN_IN_SUCCEEDED,
    /** A refused console sign-in; the entry's error codes name the reason, never the password typed. */
    SIGN_IN_FAILED,
    /** The first refused attempt of an address or account past its budget; the reason names the limit. */
    SIGN_IN_LIMITED,
    /**
     * A console user or API client tried to see or change something of an organisation outside its
     * scope, and was answered as if it did not exist; the entry's error codes name what was tried.
     */
    OUT_OF_SCOPE
}
