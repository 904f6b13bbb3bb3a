package dk.care.provisioning.user;

/** Why a request was rejected; the public codes of docs/design.md §4, and of §11 for changes of a user. */
public enum ErrorCode {
    REQUIRED_FIELD_MISSING,
    PHONE_MISSING_COUNTRY_CODE,
    PHONE_INVALID,
    EMAIL_INVALID,
    NAME_INVALID,
    USERNAME_INVALID,
    USERNAME_TAKEN,
    PASSWORD_TOO_WEAK,
    CPR_INVALID,
    CPR_ALREADY_REGISTERED,
    DUPLICATE_EXTERNAL_ID,
    ORGANISATION_NOT_FOUND,
    DEPARTMENT_NOT_FOUND,
    ROLE_NOT_FOUND,
    ROLE_NOT_ALLOWED_FOR_USER_TYPE,
    MITID_NOT_ENABLED,
    UNSUPPORTED_LOCALE,
    PLAINTEXT_SECRET_REJECTED,
    SECRET_DECRYPTION_FAILED,
    IDEMPOTENCY_KEY_REUSED,
    MALFORMED_MESSAGE,
    /** A change for a user that does not exist in the request's organisation (or in no organisation the sender may see). */
    USER_NOT_FOUND,
    /** A change made against a version of the user that is no longer the current one. */
    VERSION_CONFLICT,
    /** A change for a user whose personal data was erased. */
    USER_ERASED,
    /** An erasure of a user that is not deactivated. */
    NOT_DEACTIVATED,
    /** A cancellation of a scheduled change that this user does not have, or that was applied or cancelled already. */
    SCHEDULE_NOT_FOUND
}
