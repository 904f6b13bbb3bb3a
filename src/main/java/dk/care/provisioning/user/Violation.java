package dk.care.provisioning.user;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule: a code, the request field it concerns (dotted for nested fields, null when it
 * concerns the request as a whole), a message for humans that never quotes a secret, and the
 * {@link Rule} a page needs to say the same in its reader's language.
 */
public record Violation(ErrorCode code, @Nullable String field, String message, Rule rule) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rule, "rule");
    }

    /** A violation whose code names its rule, with no limit to quote. */
    public Violation(ErrorCode code, @Nullable String field, String message) {
        this(code, field, message, Rule.of(code));
    }

    /** A required field that is absent or blank. */
    public static Violation missing(String field) {
        return new Violation(ErrorCode.REQUIRED_FIELD_MISSING, field, field + " is required");
    }

    /**
     * Which rule was broken, finer than the code where one code covers several (a weak password names
     * the first of its {@link PasswordPolicy.Weakness weaknesses} to fix), and the limit the rule sets,
     * if any: a page builds its message key from the name and quotes the limit, and so never judges the
     * value again.
     */
    public record Rule(String name, @Nullable Integer limit) {

        public Rule {
            Objects.requireNonNull(name, "name");
        }

        static Rule of(ErrorCode code) {
            return new Rule(code.name(), null);
        }
    }
}
