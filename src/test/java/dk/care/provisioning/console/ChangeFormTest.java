package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.query.UserSummary;
import dk.care.provisioning.user.UserStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each change page's form asks of the worker, and how it comes back after a rejection. */
class ChangeFormTest {

    private final UserSummary jens = ConsoleUsers.jensHansen(UserStatus.ACTIVE);

    @Test
    void aFormFirstShowsTheUserAsTheyAreAndTheVersionThePageShowed() {
        ChangeForm form = ChangeForm.of(jens);

        assertThat(form.departmentId()).isEqualTo("demo-care.home-care");
        assertThat(form.phone()).isEqualTo("+4520123456");
        assertThat(form.locale()).isEqualTo("da");
        assertThat(form.expectedVersion()).isEqualTo(7L);
    }

    @Test
    void contactDetailsCarryOnlyTheFieldsThatDifferAndAnEmptiedFieldStaysAsItIs() {
        ChangeForm form = new ChangeForm(null, null, "Jens Hansen", "", " +4520999888 ", "en", null, null, 7L);

        assertThat(form.change(UserAction.CHANGE_CONTACT, jens))
                .isEqualTo(new UserChange.UpdateContact(null, null, "+4520999888", "en"));
        assertThat(ChangeForm.of(jens).change(UserAction.CHANGE_CONTACT, jens))
                .isInstanceOfSatisfying(UserChange.UpdateContact.class,
                        contact -> assertThat(contact.changesNothing()).isTrue());
    }

    @Test
    void aMoveSendsBothChoicesAsGivenAndAMissingOneAsEmptyForTheWorkerToName() {
        assertThat(new ChangeForm(" demo-care.nursing-home ", "demo-care.relative", null, null, null, null, null, null, 7L)
                .change(UserAction.MOVE, jens)).isEqualTo(new UserChange.Move("demo-care.nursing-home", "demo-care.relative"));
        assertThat(new ChangeForm(null, "demo-care.relative", null, null, null, null, null, null, 7L)
                .change(UserAction.MOVE, jens)).isEqualTo(new UserChange.Move("", "demo-care.relative"));
    }

    @Test
    void aDeactivationsReasonIsOptional() {
        assertThat(new ChangeForm(null, null, null, null, null, null, "  ", null, 7L).change(UserAction.DEACTIVATE, jens))
                .isEqualTo(new UserChange.Deactivate(null));
        assertThat(new ChangeForm(null, null, null, null, null, null, " left 31 December ", null, 7L)
                .change(UserAction.DEACTIVATE, jens)).isEqualTo(new UserChange.Deactivate("left 31 December"));
    }

    @Test
    void afterAVersionConflictTheFormIsMadeAgainstTheCurrentVersionAndAfterAnyOtherRejectionNot() {
        ChangeForm submitted = new ChangeForm(null, null, null, null, "12345678", null, null, true, 7L);
        var conflict = List.of(new RequestState.Error("VERSION_CONFLICT", "expectedVersion", "the user is at version 9"));
        var badPhone = List.of(new RequestState.Error("PHONE_MISSING_COUNTRY_CODE", "change.phone", "no country code"));

        assertThat(submitted.afterRejection(conflict, 9).expectedVersion()).isEqualTo(9L);
        assertThat(submitted.afterRejection(badPhone, 9).expectedVersion()).isEqualTo(7L);
        assertThat(submitted.afterRejection(badPhone, 9).phone()).isEqualTo("12345678");
        assertThat(submitted.afterRejection(badPhone, 9).isConfirmed()).as("an erasure is confirmed afresh").isFalse();
    }
}
