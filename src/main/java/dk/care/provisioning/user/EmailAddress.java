package dk.care.provisioning.user;

import java.net.IDN;
import java.util.regex.Pattern;

/** An e-mail address that can plausibly receive mail; at most 254 characters (RFC 5321). */
final class EmailAddress {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART_LENGTH = 64;
    // RFC 5322 dot-atom: quoted local parts and address literals are legal but never what an HR
    // system means, and rejecting them keeps the address safe to print in an SMS or a log.
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern HOST_NAME =
            Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    private final String value;

    private EmailAddress(String value) {
        this.value = value;
    }

    /**
     * Parses an address after trimming surrounding whitespace; the rest is judged as sent:
     * exactly one {@code @}, a dot-atom local part of at most 64 characters, and a domain with
     * at least one dot. Internationalised domains ({@code blåbær.dk}) are checked in their
     * ASCII form but kept as written. Anything else is {@link ErrorCode#EMAIL_INVALID}.
     */
    public static Parsed<EmailAddress> parse(String raw) {
        String address = raw.strip();
        if (address.length() > MAX_LENGTH) {
            return invalid("email must be at most " + MAX_LENGTH + " characters");
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return invalid("email must contain exactly one @");
        }
        String localPart = address.substring(0, at);
        if (localPart.length() > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(localPart).matches()) {
            return invalid("email has an invalid part before the @");
        }
        if (!isHostName(address.substring(at + 1))) {
            return invalid("email has an invalid domain");
        }
        return Parsed.valid(new EmailAddress(address));
    }

    private static boolean isHostName(String domain) {
        try {
            return HOST_NAME.matcher(IDN.toASCII(domain, 0)).matches();
        } catch (IllegalArgumentException notConvertible) {
            return false;
        }
    }

    private static Parsed<EmailAddress> invalid(String message) {
        return Parsed.rejected(ErrorCode.EMAIL_INVALID, message);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress email && email.value.equals(value);
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
