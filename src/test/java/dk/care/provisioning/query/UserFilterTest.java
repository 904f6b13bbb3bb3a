package dk.care.provisioning.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.UserStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UserFilterTest {

    @Test
    void readsTypeAndStatusInAnyCaseAndBlankAsAny() {
        UserFilter filter = UserFilter.parse(" ", "relative", " active ", "  Karen ");

        assertThat(filter).isEqualTo(new UserFilter(null, UserType.RELATIVE, UserStatus.ACTIVE, "Karen"));
        assertThat(UserFilter.parse(null, "", null, " ")).isEqualTo(UserFilter.none());
    }

    @Test
    void namesTheParameterAndTheValuesItTakesWithoutQuotingTheInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> UserFilter.parse(null, "ghost<script>", null, null))
                .withMessage("type must be one of EMPLOYEE, RELATIVE, ADMINISTRATOR");
        assertThatIllegalArgumentException().isThrownBy(() -> UserFilter.parse(null, null, "gone", null))
                .withMessage("status must be one of " + String.join(", ",
                        Arrays.stream(UserStatus.values()).map(Enum::name).toList()));
        assertThatIllegalArgumentException().isThrownBy(() -> UserFilter.parse(null, null, null, "x".repeat(101)))
                .withMessage("q is longer than 100 characters");
    }
}
