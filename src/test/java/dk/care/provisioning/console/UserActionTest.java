package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.user.UserStatus;
import org.junit.jupiter.api.Test;

/** Which changes the console offers in each status, and the paths they live at. */
class UserActionTest {

    @Test
    void aPendingOrActiveUserCanBeMovedGetNewContactDetailsOrLeave() {
        for (UserStatus status : new UserStatus[] {UserStatus.PENDING_SELF_REGISTRATION, UserStatus.ACTIVE}) {
            assertThat(UserAction.offeredFor(status)).as(status.name())
                    .containsExactly(UserAction.MOVE, UserAction.CHANGE_CONTACT, UserAction.DEACTIVATE);
        }
    }

    @Test
    void aLeaverCanOnlyComeBackOrBeErased() {
        assertThat(UserAction.offeredFor(UserStatus.DEACTIVATED)).containsExactly(UserAction.REACTIVATE, UserAction.ERASE);
    }

    @Test
    void anErasedUserIsFinal() {
        assertThat(UserAction.offeredFor(UserStatus.ERASED)).isEmpty();
    }

    @Test
    void everyActionIsFoundByItsPathAndNothingElseIs() {
        for (UserAction action : UserAction.values()) {
            assertThat(UserAction.ofPath(action.path())).contains(action);
        }
        assertThat(UserAction.CHANGE_CONTACT.path()).isEqualTo("change-contact");
        assertThat(UserAction.ofPath("invitations")).isEmpty();
        assertThat(UserAction.ofPath("ERASE")).isEmpty();
        assertThat(UserAction.REACTIVATE.hasPage()).as("a button on the user's page").isFalse();
    }
}
