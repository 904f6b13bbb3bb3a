package dk.care.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.user.UserStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A user's transitions between its states, and its version. */
class AccountTest {

    private static final Instant LATER = Instant.parse("2026-12-09T10:00:00Z");

    @Test
    void aLeaverReturnsToTheStatusBeforeDeactivation() {
        Account pending = ChangeRulesTest.account(UserStatus.PENDING_SELF_REGISTRATION, 1);

        Account.Applied deactivated = pending.deactivate(LATER);
        assertThat(deactivated.account().status()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(deactivated.account().statusBeforeDeactivation()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(deactivated.account().deactivatedAt()).isEqualTo(LATER);
        assertThat(deactivated.account().version()).isEqualTo(2);
        assertThat(deactivated.changedFields()).containsExactly("status");

        Account.Applied reactivated = deactivated.account().reactivate(LATER);
        assertThat(reactivated.account().status()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(reactivated.account().statusBeforeDeactivation()).isNull();
        assertThat(reactivated.account().deactivatedAt()).isNull();
        assertThat(reactivated.account().version()).isEqualTo(3);
    }

    @Test
    void aChangeThatFindsEverythingAsAskedChangesNothingNotEvenTheVersion() {
        Account deactivated = ChangeRulesTest.account(UserStatus.DEACTIVATED, 2);
        assertThat(deactivated.deactivate(LATER)).isEqualTo(new Account.Applied(deactivated, java.util.List.of()));

        Account active = ChangeRulesTest.account(UserStatus.ACTIVE, 1);
        assertThat(active.reactivate(LATER).account()).isSameAs(active);
        assertThat(active.move(active.departmentId(), active.roleId(), LATER).account()).isSameAs(active);
        assertThat(active.updateContact(active.name(), null, active.phone(), null, LATER).changedFields()).isEmpty();
    }

    @Test
    void namesEveryFieldAChangeSetsAndRaisesTheVersionOnce() {
        Account active = ChangeRulesTest.account(UserStatus.ACTIVE, 4);
        Account.Applied moved = active.move("demo-care.nursing-home", "demo-care.admin", LATER);
        assertThat(moved.changedFields()).containsExactly("departmentId", "roleId");
        assertThat(moved.account().version()).isEqualTo(5);
        assertThat(moved.account().updatedAt()).isEqualTo(LATER);

        Account.Applied contact = active.updateContact("Karen Berg", "karen@example.org", null, "sv", LATER);
        assertThat(contact.changedFields()).containsExactly("name", "email", "locale");
        assertThat(contact.account().phone()).isEqualTo(active.phone());
    }

    @Test
    void anErasedUserKeepsWhenItLeft() {
        Account deactivated = ChangeRulesTest.account(UserStatus.DEACTIVATED, 2);
        Account.Applied erased = deactivated.erase(LATER);
        assertThat(erased.account().status()).isEqualTo(UserStatus.ERASED);
        assertThat(erased.account().deactivatedAt()).isEqualTo(deactivated.deactivatedAt());
        assertThat(erased.account().version()).isEqualTo(3);
    }
}
