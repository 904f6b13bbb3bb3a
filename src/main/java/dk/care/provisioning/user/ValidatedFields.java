package dk.care.provisioning.user;

import org.jspecify.annotations.Nullable;

/**
 * The normalised form of each field that is present and valid, ready to persist: trimmed name and
 * e-mail, E.164 phone, lower-case username, CPR digits. A component is null when its field was
 * absent, invalid, or belongs to another login method.
 */
record ValidatedFields(
        @Nullable PersonName name,
        @Nullable EmailAddress email,
        @Nullable PhoneNumber phone,
        @Nullable Username username,
        @Nullable Cpr cpr) {
}
