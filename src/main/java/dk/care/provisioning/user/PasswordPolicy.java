package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * NIST SP 800-63B password rules: a length window and a blocklist, no composition rules.
 * Messages say which rule failed and never quote the password.
 */
public final class PasswordPolicy {

    public static final int DEFAULT_MINIMUM_LENGTH = 12;
    /** NIST SP 800-63B forbids a minimum below 8; the shipped list is cut at that length too. */
    public static final int LOWEST_MINIMUM_LENGTH = 8;
    public static final int MAXIMUM_LENGTH = 128;
    static final String COMMON_PASSWORDS_RESOURCE = "/passwords/common-passwords.txt";

    private final int minimumLength;

    /** A policy with the given minimum, 8–128; anything else is a configuration error. */
    public PasswordPolicy(int minimumLength) {
        if (minimumLength < LOWEST_MINIMUM_LENGTH || minimumLength > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("password minimum length must be between "
                    + LOWEST_MINIMUM_LENGTH + " and " + MAXIMUM_LENGTH + ", was " + minimumLength);
        }
        this.minimumLength = minimumLength;
    }

    /** The rules a password can break, in the order a person should fix them. */
    public enum Weakness { TOO_LONG, TOO_SHORT, COMMON, CONTAINS_USERNAME }

    public int minimumLength() {
        return minimumLength;
    }

    /**
     * Checks a plaintext password; every failed rule is named in the message of one
     * {@link ErrorCode#PASSWORD_TOO_WEAK}, whose {@link Violation.Rule} is the first to fix, with
     * the length it sets. Length counts Unicode code points, as NIST asks. {@code username} is the
     * one sent with the password, in any case and even if it is itself invalid; null or blank skips
     * that rule.
     */
    public Parsed<Secret> check(Secret password, @Nullable String username) {
        Set<Weakness> weaknesses = weaknesses(password, username);
        if (weaknesses.isEmpty()) {
            return Parsed.valid(password);
        }
        var message = new StringJoiner(", ", "password ", "");
        for (Weakness weakness : weaknesses) {
            message.add(describe(weakness));
        }
        Weakness first = weaknesses.iterator().next();
        return Parsed.rejected(ErrorCode.PASSWORD_TOO_WEAK, message.toString(), new Violation.Rule(first.name(),
                switch (first) {
                    case TOO_LONG -> MAXIMUM_LENGTH;
                    case TOO_SHORT -> minimumLength;
                    case COMMON, CONTAINS_USERNAME -> null;
                }));
    }

    private String describe(Weakness weakness) {
        return switch (weakness) {
            case TOO_LONG -> "must be at most " + MAXIMUM_LENGTH + " characters";
            case TOO_SHORT -> "must be at least " + minimumLength + " characters";
            case COMMON -> "is a commonly used or breached password";
            case CONTAINS_USERNAME -> "must not contain the username";
        };
    }

    /**
     * Every rule the password breaks, in {@link Weakness}'s order; empty when it is acceptable. A
     * password that is too long is judged on nothing else.
     */
    Set<Weakness> weaknesses(Secret password, @Nullable String username) {
        String plain = password.reveal();
        // A code point is at most two chars: a longer string is too long without being scanned.
        int length = plain.length() > 2 * MAXIMUM_LENGTH ? Integer.MAX_VALUE : plain.codePointCount(0, plain.length());
        if (length > MAXIMUM_LENGTH) {
            return EnumSet.of(Weakness.TOO_LONG);
        }
        String lowerCase = plain.toLowerCase(Locale.ROOT);
        Set<Weakness> weaknesses = EnumSet.noneOf(Weakness.class);
        if (length < minimumLength) {
            weaknesses.add(Weakness.TOO_SHORT);
        }
        if (CommonPasswords.SET.contains(lowerCase)) {
            weaknesses.add(Weakness.COMMON);
        }
        if (username != null && !username.isBlank() && lowerCase.contains(username.toLowerCase(Locale.ROOT))) {
            weaknesses.add(Weakness.CONTAINS_USERNAME);
        }
        return weaknesses;
    }

    /** Loaded on first use and shared: the list is large and never changes at runtime. */
    private static final class CommonPasswords {

        static final Set<String> SET = load();

        private static Set<String> load() {
            var stream = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS_RESOURCE);
            if (stream == null) {
                throw new IllegalStateException("missing resource " + COMMON_PASSWORDS_RESOURCE);
            }
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                Set<String> passwords = new HashSet<>();
                reader.lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.strip().toLowerCase(Locale.ROOT))
                        .forEach(passwords::add);
                return Set.copyOf(passwords);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
