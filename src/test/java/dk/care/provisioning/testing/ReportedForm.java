package dk.care.provisioning.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The form in which the worker echoes a value it cannot vouch for, as documented for senders,
 * computed here from that description rather than with the worker's code:
 * the value itself when it is at most 255 characters without control or formatting characters;
 * otherwise its first 32 code points, each such character replaced by U+FFFD, then
 * {@code ...#sha256:} and the hex SHA-256 of the whole value in UTF-8.
 */
public final class ReportedForm {

    private ReportedForm() {
    }

    /** The key (and requestId) under which the outcome of a request with this requestId is published. */
    public static String of(String value) {
        if (value.length() <= 255 && value.codePoints().noneMatch(ReportedForm::unprintable)) {
            return value;
        }
        var prefix = new StringBuilder();
        value.codePoints().limit(32).map(c -> unprintable(c) ? 0xFFFD : c).forEach(prefix::appendCodePoint);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return prefix + "...#sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean unprintable(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
