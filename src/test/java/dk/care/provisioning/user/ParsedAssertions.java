package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Unwraps a {@link Parsed} in tests, failing with the rejection when the other branch was expected. */
final class ParsedAssertions {

    private ParsedAssertions() {
    }

    static <T> T assertValid(Parsed<T> result) {
        return switch (result) {
            case Parsed.Valid<T> valid -> valid.value();
            case Parsed.Rejected<T> rejected -> fail("expected a valid value but was " + rejected);
        };
    }

    static Parsed.Rejected<?> assertRejected(Parsed<?> result, ErrorCode expected) {
        assertThat(result).isInstanceOf(Parsed.Rejected.class);
        var rejected = (Parsed.Rejected<?>) result;
        assertThat(rejected.code()).isEqualTo(expected);
        return rejected;
    }
}
