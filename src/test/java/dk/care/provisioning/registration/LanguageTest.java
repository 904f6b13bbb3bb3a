package dk.care.provisioning.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void takesTheFirstCandidateThePageSpeaksAndDanishWhenNoneIs() {
        assertThat(Language.first(Stream.of(null, "sv-SE", "en"))).isEqualTo(Language.SV);
        assertThat(Language.first(Stream.of("de", " EN ", "da"))).isEqualTo(Language.EN);
        assertThat(Language.first(Arrays.stream(new String[] {"fr", "", null}))).isEqualTo(Language.DA);
    }
}
