package dk.care.provisioning.user;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The languages the service speaks to the people it provisions, in the invitation SMS and on the
 * registration page; each has its texts in the bundles of {@code src/main/resources/i18n} (English in
 * the base bundle) and names itself in its own language. Danish is the default.
 */
public enum Language {
    DA("Dansk"), SV("Svenska"), EN("English");

    private final String ownName;

    Language(String ownName) {
        this.ownName = ownName;
    }

    /** The language of a BCP 47 tag ({@code sv-SE} is Swedish), if the service speaks it. */
    public static Optional<Language> of(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return Stream.of(values()).filter(candidate -> candidate.code().equals(language)).findFirst();
    }

    /** The first of these tags that names a language the service speaks, else Danish. */
    public static Language first(Stream<@Nullable String> candidates) {
        return candidates.map(Language::of).flatMap(Optional::stream).findFirst().orElse(DA);
    }

    public static List<Language> all() {
        return List.of(values());
    }

    /** Every language's code: what may be configured as an invitation locale, and the default. */
    public static Set<String> codes() {
        return Stream.of(values()).map(Language::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The ISO 639-1 code, e.g. {@code da}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String ownName() {
        return ownName;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }
}
