package dk.care.provisioning.query;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which users of an organisation to list: by department, user type, status, and a text found in the
 * name, e-mail, phone, username or external id (case-insensitive). Blank means any; each value is bounded.
 */
public record UserFilter(@Nullable String department, @Nullable String type, @Nullable String status,
                         @Nullable String text) {

    static final int MAX_TEXT = 100;
    private static final int MAX_ID = 255;
    private static final Set<String> TYPES = Set.of("EMPLOYEE", "RELATIVE", "ADMINISTRATOR");
    private static final Set<String> STATUSES = Set.of("PENDING_SELF_REGISTRATION", "ACTIVE");

    public UserFilter {
        department = blankToNull(department);
        type = blankToNull(type) == null ? null : type.strip().toUpperCase(Locale.ROOT);
        status = blankToNull(status) == null ? null : status.strip().toUpperCase(Locale.ROOT);
        text = blankToNull(text) == null ? null : text.strip();
        if (department != null && department.length() > MAX_ID) {
            throw new IllegalArgumentException("department is longer than " + MAX_ID + " characters");
        }
        if (type != null && !TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of EMPLOYEE, RELATIVE, ADMINISTRATOR");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be PENDING_SELF_REGISTRATION or ACTIVE");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q is longer than " + MAX_TEXT + " characters");
        }
    }

    public static UserFilter none() {
        return new UserFilter(null, null, null, null);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
