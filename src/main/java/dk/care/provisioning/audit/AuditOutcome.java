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
    OUT_OF_SCOPE,
    /** A change request set new contact details of the user (which details: never in the trail). */
    CONTACT_UPDATED,
    /** A change request moved the user to another department or role. */
    MOVED,
    /** A change request deactivated the user (a leaver), or found it deactivated already. */
    DEACTIVATED,
    /** A change request brought a deactivated user back, or found it not deactivated. */
    REACTIVATED,
    /** A change request erased the user's personal data. */
    ERASED,
    /** A change request withdrew a scheduled change; the entry's request is the withdrawing one. */
    SCHEDULED_CHANGE_CANCELLED,
    /** A change request was accepted for later; applying it is a later entry under the same requestId. */
    CHANGE_SCHEDULED,
    /** A change request was refused, when it arrived or when it was due; the entry lists its error codes. */
    CHANGE_FAILED
}
