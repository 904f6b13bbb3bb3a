package dk.care.provisioning.query;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.UserStatus;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which users of an organisation to list: by department, user type, status, and a text found in the
 * name, e-mail, phone, username or external id (case-insensitive). Null means any; each value is bounded.
 */
public record UserFilter(@Nullable String department, @Nullable UserType type, @Nullable UserStatus status,
                         @Nullable String text) {

    static final int MAX_TEXT = 100;
    private static final int MAX_ID = 255;

    public UserFilter {
        if (department != null && department.length() > MAX_ID) {
            throw new IllegalArgumentException("department is longer than " + MAX_ID + " characters");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q is longer than " + MAX_TEXT + " characters");
        }
    }

    /**
     * The filter as a query string gives it: blank means any, type and status in any case; an unknown
     * value or one over its bound is an {@link IllegalArgumentException} naming the parameter.
     */
    public static UserFilter parse(@Nullable String department, @Nullable String type, @Nullable String status,
                                   @Nullable String text) {
        String textOrNull = blankToNull(text);
        return new UserFilter(blankToNull(department), constant(UserType.class, "type", type),
                constant(UserStatus.class, "status", status), textOrNull == null ? null : textOrNull.strip());
    }

    public static UserFilter none() {
        return new UserFilter(null, null, null, null);
    }

    private static <E extends Enum<E>> @Nullable E constant(Class<E> type, String parameter, @Nullable String value) {
        String name = blankToNull(value);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(parameter + " must be one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
