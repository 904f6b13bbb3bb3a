package dk.care.provisioning.invitation;

import dk.care.provisioning.user.Language;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The SMS text per {@link Language}, from the bundle {@code i18n/invitation}: who invites, the link,
 * and until when it works.
 */
final class InvitationTexts {

    // Care organisations in Denmark and Sweden share this time zone; the date is for humans only.
    private static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    private static final String KEY = "sms.invitation";
    private static final MessageSource TEXTS = texts();

    private InvitationTexts() {
    }

    /** Whether {@code language} is the code of a {@link Language}, which has a text. */
    static boolean has(String language) {
        return Language.of(language).filter(known -> known.code().equals(language)).isPresent();
    }

    static String render(String languageTag, String organisationName, String link, Instant expiresAt) {
        if (Language.of(languageTag).isEmpty()) {
            throw new IllegalArgumentException("no invitation text for locale " + languageTag);
        }
        Locale locale = Locale.forLanguageTag(languageTag);
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale).withZone(ZONE)
                .format(expiresAt);
        return TEXTS.getMessage(KEY, new Object[] {organisationName, link, until}, locale);
    }

    /**
     * Read as the pages' bundles are (UTF-8; a language without a file of its own gets the base
     * bundle's English, never the server's locale), but from a source of its own: setting
     * {@code spring.messages.basename} for the pages cannot take the SMS texts away.
     */
    private static MessageSource texts() {
        var texts = new ResourceBundleMessageSource();
        texts.setBasename("i18n/invitation");
        texts.setDefaultEncoding(StandardCharsets.UTF_8.name());
        texts.setFallbackToSystemLocale(false);
        return texts;
    }
}
