package dk.care.provisioning.invitation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/** The SMS text per language: who invites, the link, and until when it works. */
final class InvitationTexts {

    // Care organisations in Denmark and Sweden share this time zone; the date is for humans only.
    private static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    private static final Map<String, String> TEMPLATES = Map.of(
            "da", "%s har oprettet dig som bruger. Vælg dit brugernavn og din adgangskode her: %s (linket virker til %s)",
            "sv", "%s har skapat ett konto åt dig. Välj ditt användarnamn och lösenord här: %s (länken gäller till %s)",
            "en", "%s has created an account for you. Choose your username and password here: %s (the link works until %s)");

    private InvitationTexts() {
    }

    /** Languages with a text; a locale is supported when its language is one of these. */
    static boolean has(String language) {
        return TEMPLATES.containsKey(language);
    }

    static String render(String languageTag, String organisationName, String link, Instant expiresAt) {
        Locale locale = Locale.forLanguageTag(languageTag);
        String template = TEMPLATES.get(locale.getLanguage());
        if (template == null) {
            throw new IllegalArgumentException("no invitation text for locale " + languageTag);
        }
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(ZONE)
                .format(expiresAt);
        return template.formatted(organisationName, link, until);
    }
}
