package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Unwraps a {@link Validated} in tests, failing with the rejection when the other branch was expected. */
final class ValidatedAssertions {

    private ValidatedAssertions() {
    }

    static <T> T assertValid(Validated<T> result) {
        return switch (result) {
            case Validated.Valid<T> valid -> valid.value();
            case Validated.Rejected<T> rejected -> fail("expected a valid value but was " + rejected);
        };
    }

    static Validated.Rejected<?> assertRejected(Validated<?> result, ErrorCode expected) {
        assertThat(result).isInstanceOf(Validated.Rejected.class);
        var rejected = (Validated.Rejected<?>) result;
        assertThat(rejected.code()).isEqualTo(expected);
        return rejected;
    }
}
