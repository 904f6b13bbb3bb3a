package dk.care.provisioning.user;

import java.time.YearMonth;
import java.util.regex.Pattern;

/** A Danish CPR number ({@code DDMMYYSSSS}) whose first six digits are a real birth date. Never printed. */
final class Cpr {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{6}-?[0-9]{4}");

    private final String digits;

    private Cpr(String digits) {
        this.digits = digits;
    }

    /**
     * Parses ten digits with an optional dash after the sixth, judged as sent. The century comes
     * from the seventh digit as the CPR office assigns it: 0–3 → 1900s; 4 or 9 → 2000s when
     * YY ≤ 36, else 1900s; 5–8 → 2000s when YY ≤ 57, else 1800s. There is no modulus-11 check:
     * the CPR office stopped guaranteeing it in 2007. Anything else is {@link ErrorCode#CPR_INVALID};
     * the message never repeats the number.
     */
    public static Parsed<Cpr> parse(String raw) {
        if (raw.length() > 11 || !FORMAT.matcher(raw).matches()) {
            return Parsed.rejected(ErrorCode.CPR_INVALID, "CPR number must be 10 digits, DDMMYYSSSS or DDMMYY-SSSS");
        }
        String digits = raw.replace("-", "");
        if (!isRealDate(digits)) {
            return Parsed.rejected(ErrorCode.CPR_INVALID, "CPR number does not start with a real date of birth");
        }
        return Parsed.valid(new Cpr(digits));
    }

    private static boolean isRealDate(String digits) {
        int day = Integer.parseInt(digits, 0, 2, 10);
        int month = Integer.parseInt(digits, 2, 4, 10);
        int yy = Integer.parseInt(digits, 4, 6, 10);
        int seventh = digits.charAt(6) - '0';
        int century = switch (seventh) {
            case 0, 1, 2, 3 -> 1900;
            case 4, 9 -> yy <= 36 ? 2000 : 1900;
            default -> yy <= 57 ? 2000 : 1800;
        };
        return month >= 1 && month <= 12 && day >= 1 && YearMonth.of(century + yy, month).isValidDay(day);
    }

    /** The ten digits without dash; a secret, for encryption and the blind index only. */
    public String digits() {
        return digits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cpr cpr && cpr.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "Cpr[redacted]";
    }
}
