package dk.care.provisioning.user;

import java.util.Locale;
import java.util.regex.Pattern;

/** A login name: 3–64 of {@code a-z 0-9 . _ - @}, case-insensitive and therefore held in lower case. */
public final class Username {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 64;
    // ASCII only and checked before lowercasing: Character.toLowerCase would turn the Kelvin sign
    // U+212A into 'k' and let a look-alike through.
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@-]+");

    private final String value;

    private Username(String value) {
        this.value = value;
    }

    /** Parses a username in any case, judged as sent; otherwise {@link ErrorCode#USERNAME_INVALID}. */
    public static Parsed<Username> parse(String raw) {
        if (raw.length() < MIN_LENGTH || raw.length() > MAX_LENGTH || !ALLOWED.matcher(raw).matches()) {
            return Parsed.rejected(ErrorCode.USERNAME_INVALID,
                    "username must be " + MIN_LENGTH + "–" + MAX_LENGTH + " characters of a-z, 0-9, '.', '_', '-' and '@'");
        }
        return Parsed.valid(new Username(raw.toLowerCase(Locale.ROOT)));
    }

    /** The lower-case form, which is how usernames are stored and compared. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Username username && username.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
