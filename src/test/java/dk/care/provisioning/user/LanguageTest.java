package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void takesTheFirstCandidateTheServiceSpeaksAndDanishWhenNoneIs() {
        assertThat(Language.first(Stream.of(null, "sv-SE", "en"))).isEqualTo(Language.SV);
        assertThat(Language.first(Stream.of("de", " EN ", "da"))).isEqualTo(Language.EN);
        assertThat(Language.first(Arrays.stream(new String[] {"fr", "", null}))).isEqualTo(Language.DA);
    }

    @Test
    void readsTheLanguageOfATagAndNamesItsCodes() {
        assertThat(Language.of("da-DK")).contains(Language.DA);
        assertThat(Language.of("nb")).isEqualTo(Optional.empty());
        assertThat(Language.codes()).containsExactlyInAnyOrder("da", "sv", "en");
        assertThat(Language.SV.locale().toLanguageTag()).isEqualTo("sv");
    }
}
