package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.user.Language;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class InvitationTextsTest {

    private static final Instant EXPIRY = Instant.parse("2026-03-04T10:15:00Z");
    private static final String LINK = "https://example.org/register#/t0k3n";

    @ParameterizedTest
    @CsvSource({"da, Vælg dit brugernavn", "da-DK, Vælg dit brugernavn", "sv, Välj ditt användarnamn",
            "en, Choose your username", "en-GB, Choose your username"})
    void rendersTheTextOfTheLocaleWithOrganisationLinkAndExpiry(String locale, String phrase) {
        String text = InvitationTexts.render(locale, "Demo Care", LINK, EXPIRY);

        assertThat(text).startsWith("Demo Care ").contains(phrase, LINK).containsPattern("11[.:]15");
    }

    /** The texts as they were written in Java before they moved to the bundles, character for character. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "da | Demo Care har oprettet dig som bruger. Vælg dit brugernavn og din adgangskode her: "
                    + LINK + " (linket virker til 04.03.2026 11.15)",
            "sv-SE | Demo Care har skapat ett konto åt dig. Välj ditt användarnamn och lösenord här: "
                    + LINK + " (länken gäller till 2026-03-04 11:15)",
            "en-GB | Demo Care has created an account for you. Choose your username and password here: "
                    + LINK + " (the link works until 04/03/2026, 11:15)",
            "en | Demo Care has created an account for you. Choose your username and password here: "
                    + LINK + " (the link works until 3/4/26, 11:15\u202fAM)"})
    void sendsEachTextExactlyAsBefore(String locale, String sms) {
        assertThat(InvitationTexts.render(locale, "Demo Care", LINK, EXPIRY)).isEqualTo(sms);
    }

    @Test
    void takesTheOrganisationNameAsItIsEvenWithQuotesOrBraces() {
        assertThat(InvitationTexts.render("da", "Anna's {1} Pleje", LINK, EXPIRY))
                .startsWith("Anna's {1} Pleje har oprettet dig som bruger.");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageHasATextOfItsOwn(Language language) {
        String text = InvitationTexts.render(language.code(), "Demo Care", LINK, EXPIRY);

        assertThat(InvitationTexts.has(language.code())).isTrue();
        if (language != Language.EN) {
            assertThat(text).isNotEqualTo(InvitationTexts.render("en", "Demo Care", LINK, EXPIRY));
        }
    }

    @ParameterizedTest
    @CsvSource({"de", "fr-FR"})
    void refusesALocaleWithoutText(String locale) {
        assertThat(InvitationTexts.has(locale)).isFalse();
        assertThatThrownBy(() -> InvitationTexts.render(locale, "Demo Care", "link", EXPIRY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredLocaleMustBeALanguageCodeNotATag() {
        assertThat(InvitationTexts.has("da")).isTrue();
        assertThat(InvitationTexts.has("da-DK")).isFalse();
    }
}
