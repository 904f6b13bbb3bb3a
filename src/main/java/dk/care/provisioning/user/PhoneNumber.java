package dk.care.provisioning.user;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

import java.util.regex.Pattern;

/** A phone number that is valid for its country, held in E.164 form ({@code +4520123456}). */
final class PhoneNumber {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    // libphonenumber would also accept letters, extensions and punctuation; the contract asks for
    // E.164, so only the spaces people type for readability are tolerated.
    private static final Pattern DIGITS_AND_SPACES = Pattern.compile("[0-9 ]+");
    // E.164 has at most 15 digits; anything far longer is rejected before parsing.
    private static final int MAX_INPUT_LENGTH = 40;

    private final String e164;

    private PhoneNumber(String e164) {
        this.e164 = e164;
    }

    /**
     * Parses a number given with {@code +} and country code, spaces allowed. Without a leading
     * {@code +} it is {@link ErrorCode#PHONE_MISSING_COUNTRY_CODE}; anything else that is not a
     * valid number for its country, including an unknown country code, is
     * {@link ErrorCode#PHONE_INVALID}.
     */
    public static Parsed<PhoneNumber> parse(String raw) {
        String compact = raw.replace(" ", "");
        if (!compact.startsWith("+")) {
            return Parsed.rejected(ErrorCode.PHONE_MISSING_COUNTRY_CODE,
                    "phone must start with + and a country code, e.g. +4520123456");
        }
        String digits = compact.substring(1);
        if (raw.length() > MAX_INPUT_LENGTH || !DIGITS_AND_SPACES.matcher(digits).matches()) {
            return invalid();
        }
        try {
            var number = PHONE_NUMBERS.parse(compact, null);
            if (!PHONE_NUMBERS.isValidNumber(number)) {
                return invalid();
            }
            return Parsed.valid(new PhoneNumber(PHONE_NUMBERS.format(number, PhoneNumberFormat.E164)));
        } catch (NumberParseException unparsable) {
            return invalid();
        }
    }

    private static Parsed<PhoneNumber> invalid() {
        return Parsed.rejected(ErrorCode.PHONE_INVALID, "phone is not a valid number for its country");
    }

    public String e164() {
        return e164;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumber phone && phone.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    @Override
    public String toString() {
        return e164;
    }
}
