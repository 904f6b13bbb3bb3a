package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitationTextsTest {

    private static final Instant EXPIRY = Instant.parse("2026-03-04T10:15:00Z");

    @ParameterizedTest
    @CsvSource({"da, Vælg dit brugernavn", "da-DK, Vælg dit brugernavn", "sv, Välj ditt användarnamn",
            "en, Choose your username", "en-GB, Choose your username"})
    void rendersTheTextOfTheLocaleWithOrganisationLinkAndExpiry(String locale, String phrase) {
        String text = InvitationTexts.render(locale, "Demo Care", "https://example.org/register#/t0k3n", EXPIRY);

        assertThat(text).startsWith("Demo Care ").contains(phrase, "https://example.org/register#/t0k3n")
                .containsPattern("11[.:]15");
    }

    @ParameterizedTest
    @CsvSource({"de", "fr-FR"})
    void refusesALocaleWithoutText(String locale) {
        assertThatThrownBy(() -> InvitationTexts.render(locale, "Demo Care", "link", EXPIRY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
