package dk.care.provisioning.user;

import static dk.care.provisioning.testing.ProvisioningRequests.phoneSelfRegistration;
import static dk.care.provisioning.testing.ProvisioningRequests.standard;
import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.organisation.Organisation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final Organisation DEMO_CARE = new Organisation("demo-care", "Demo Care", "da", true, true);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final FieldRules fieldRules = new FieldRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH));

    @Test
    void aUserWhoRegistersThemselvesIsPendingAndDueAnInvitationInTheOrganisationsLocale() {
        var request = phoneSelfRegistration().phone("+45 20 12 34 56").build();

        User user = User.create(request, fieldRules.check(request).fields(), DEMO_CARE, new User.SelfRegistration(), NOW);

        assertThat(user.status()).isEqualTo(UserStatus.PENDING_SELF_REGISTRATION);
        assertThat(user.locale()).isEqualTo("da");
        assertThat(user.phone()).isEqualTo("+4520123456");
        assertThat(user.invitation()).isEqualTo(new NewInvitation(user.invitation().id(), user.id(), "+4520123456", "da"));
        assertThat(user.invitation().id()).isNotEqualTo(user.id());
    }

    @Test
    void aUserWithAPasswordIsActiveInTheRequestedLocaleAndDueNoInvitation() {
        var request = standard("Anna.Jensen", "a long and private passphrase").locale("sv").build();
        var credential = new User.PasswordCredential("anna.jensen", "$argon2id$…", false, NOW);

        User user = User.create(request, fieldRules.check(request).fields(), DEMO_CARE, credential, NOW);

        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.locale()).isEqualTo("sv");
        assertThat(user.invitation()).isNull();
        assertThat(user.username()).isEqualTo("anna.jensen");
    }

    @Test
    void itsOutcomeSaysWhatItHolds() {
        var request = phoneSelfRegistration().name("  Karen Hansen ").externalId("HR-7").build();
        User user = User.create(request, fieldRules.check(request).fields(), DEMO_CARE, new User.SelfRegistration(), NOW);

        var created = ProvisioningOutcome.Created.of(user, "corr-1");

        assertThat(created).isEqualTo(new ProvisioningOutcome.Created(created.eventId(), request.requestId(), "corr-1",
                NOW, user.id(), "demo-care", "demo-care.home-care", "demo-care.relative", request.userType(),
                LoginMethod.Kind.PHONE_SELF_REGISTRATION, UserStatus.PENDING_SELF_REGISTRATION, "Karen Hansen", null,
                "+4520123456", null, "HR-7", user.invitation().id()));
    }
}
