package dk.care.provisioning.user;

import dk.care.provisioning.organisation.DemoReferenceData;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The reference rules on the demo reference data in memory, with invitation texts in Danish, Swedish and English. */
public final class DemoReferenceRules {

    private DemoReferenceRules() {
    }

    public static ReferenceRules inMemory() {
        return new ReferenceRules(DemoReferenceData.inMemory(), new InvitationIssuer() {
            @Override
            public boolean supportsLocale(String languageTag) {
                return Set.of("da", "sv", "en").contains(Locale.forLanguageTag(languageTag).getLanguage());
            }

            @Override
            public void issue(List<NewInvitation> invitations) {
                throw new UnsupportedOperationException("rules issue no invitations");
            }
        });
    }
}
