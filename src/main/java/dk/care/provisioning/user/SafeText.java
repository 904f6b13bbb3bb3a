package dk.care.provisioning.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The character classes of request fields, and the bounded, printable form in which the worker
 * echoes a value it cannot vouch for. A producer may put anything into a field; what the worker
 * repeats — in an outcome, its key, the MDC — must stay small and must not hold characters that
 * end a log line, recolour a terminal or reorder text on screen.
 */
public final class SafeText {

    /** Values up to this length (in UTF-16 units) that are clean identifiers are echoed as they are. */
    static final int MAX_VERBATIM_LENGTH = 255;
    /** How much of any other value is echoed before its digest, in code points. */
    static final int REPORTED_PREFIX_LENGTH = 32;
    static final String DIGEST_MARKER = "...#sha256:";
    private static final int REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /**
     * Text written by people (names): no control character (C0, DEL, C1: newline, carriage return,
     * escape, NUL…), no line or paragraph separator, no unpaired surrogate, and no bidi embedding,
     * override or isolate (U+202A–U+202E, U+2066–U+2069), which make text display as something else.
     */
    static boolean isText(String value) {
        return value.codePoints().noneMatch(SafeText::forbiddenInText);
    }

    /**
     * Identifiers: text, and no invisible formatting character either (Unicode category Cf: bidi
     * marks, zero-width characters, the byte order mark), so that two ids that look alike are alike.
     */
    public static boolean isId(String value) {
        return value.codePoints().noneMatch(SafeText::forbiddenInId);
    }

    /**
     * The form in which a value is echoed: the value itself when it is an identifier of at most
     * {@value #MAX_VERBATIM_LENGTH} characters; otherwise its first {@value #REPORTED_PREFIX_LENGTH}
     * code points, each forbidden character replaced by U+FFFD, then {@code ...#sha256:} and the
     * lower-case hex SHA-256 of the whole value in UTF-8, by which its sender can recognise it.
     * At most 139 characters.
     */
    public static @Nullable String reported(@Nullable String value) {
        if (value == null || value.length() <= MAX_VERBATIM_LENGTH && isId(value)) {
            return value;
        }
        var reported = new StringBuilder();
        value.codePoints().limit(REPORTED_PREFIX_LENGTH)
                .forEach(codePoint -> reported.appendCodePoint(forbiddenInId(codePoint) ? REPLACEMENT : codePoint));
        return reported.append(DIGEST_MARKER).append(sha256(value)).toString();
    }

    private static boolean forbiddenInText(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        };
    }

    private static boolean forbiddenInId(int codePoint) {
        return forbiddenInText(codePoint) || Character.getType(codePoint) == Character.FORMAT;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
