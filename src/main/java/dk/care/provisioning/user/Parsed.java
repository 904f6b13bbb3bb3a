package dk.care.provisioning.user;

import java.util.Objects;

/**
 * The outcome of turning one raw field into a value object: the value, or the reason it was
 * rejected. A rejection is a business outcome, so it is returned, never thrown.
 */
public sealed interface Parsed<T> {

    /** The raw field was acceptable; {@code value} is its normalised form. */
    record Valid<T>(T value) implements Parsed<T> {

        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The raw field broke a rule. Carries no field name because the same value object serves
     * several request fields (the redemption API names its username differently).
     */
    record Rejected<T>(ErrorCode code, String message, Violation.Rule rule) implements Parsed<T> {

        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(rule, "rule");
        }

        /** This rejection reported against a request field. */
        public Violation at(String field) {
            return new Violation(code, field, message, rule);
        }
    }

    static <T> Parsed<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> rejected(ErrorCode code, String message) {
        return new Rejected<>(code, message, Violation.Rule.of(code));
    }

    static <T> Parsed<T> rejected(ErrorCode code, String message, Violation.Rule rule) {
        return new Rejected<>(code, message, rule);
    }
}
