package dk.care.provisioning.registration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The languages the page speaks; each names itself in its own language on the switch. */
enum Language {
    DA("Dansk"), SV("Svenska"), EN("English");

    private final String ownName;

    Language(String ownName) {
        this.ownName = ownName;
    }

    /** The first of these that is a language of the page: a chosen one, the invitation's, the browser's. */
    static Language first(Stream<@Nullable String> candidates) {
        return candidates.map(Language::of).flatMap(Optional::stream).findFirst().orElse(DA);
    }

    static Stream<@Nullable String> browser(List<Locale> preferred) {
        return preferred.stream().map(Locale::toLanguageTag);
    }

    private static Optional<Language> of(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return Stream.of(values()).filter(candidate -> candidate.code().equals(language)).findFirst();
    }

    // Public, as the views call them: SpEL calls no package-private method.
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String ownName() {
        return ownName;
    }

    Locale locale() {
        return Locale.forLanguageTag(code());
    }

    static List<Language> all() {
        return List.of(values());
    }
}
