package dk.care.provisioning.user;

/** A person's display name: at most 200 characters, free of control and bidi formatting characters. */
final class PersonName {

    static final int MAX_LENGTH = 200;

    private final String value;

    private PersonName(String value) {
        this.value = value;
    }

    /**
     * Parses a name after trimming surrounding whitespace. Length counts Unicode code points, so
     * {@code Søren} or a name in a non-Latin script is not penalised for surrogate pairs. Rejected
     * with {@link ErrorCode#NAME_INVALID} when blank, longer than 200, or containing a control
     * character, a line or paragraph separator, an unpaired surrogate, or a bidi embedding,
     * override or isolate (U+202A–U+202E, U+2066–U+2069), which could make the name display as
     * something else in the admin UI, an SMS or a log.
     */
    public static Parsed<PersonName> parse(String raw) {
        String name = raw.strip();
        // A code point is at most two chars: a longer string is rejected before it is scanned.
        if (name.length() > 2 * MAX_LENGTH || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return invalid("name must be at most " + MAX_LENGTH + " characters");
        }
        if (name.isEmpty()) {
            return invalid("name must not be blank");
        }
        if (!SafeText.isText(name)) {
            return invalid("name must not contain control or text direction characters");
        }
        return Parsed.valid(new PersonName(name));
    }

    private static Parsed<PersonName> invalid(String message) {
        return Parsed.rejected(ErrorCode.NAME_INVALID, message);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonName name && name.value.equals(value);
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
