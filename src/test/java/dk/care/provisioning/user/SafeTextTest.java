package dk.care.provisioning.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\r", "\t", "\u001B", "\u007F", "\u0085", "\u009B", "\u2028", "\u2029",
            "\u202E", "\u2066", "\uD800"})
    void refusesControlSeparatorBidiAndUnpairedSurrogateCharactersInTextAndIds(String character) {
        assertThat(SafeText.isText("a" + character + "b")).isFalse();
        assertThat(SafeText.isId("a" + character + "b")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200D", "\u200E", "\u00AD", "\uFEFF", "\u061C"})
    void refusesInvisibleFormattingCharactersInIdsButNotInText(String character) {
        assertThat(SafeText.isId("a" + character + "b")).isFalse();
        assertThat(SafeText.isText("a" + character + "b")).isTrue();
    }

    @Test
    void acceptsSpacesPunctuationAndAnyScriptInIds() {
        assertThat(SafeText.isId("x'); DROP TABLE app_user; -- <script>Søren 李 😀")).isTrue();
    }

    @Test
    void reportsACleanIdOfUpTo255CharactersAsItIs() {
        assertThat(SafeText.reported("r".repeat(255))).isEqualTo("r".repeat(255));
        assertThat(SafeText.reported(null)).isNull();
        assertThat(SafeText.reported("")).isEmpty();
    }

    @Test
    void reportsALongerValueAsItsPrefixAndDigest() {
        String huge = "r".repeat(900_000);

        assertThat(SafeText.reported(huge)).isEqualTo("r".repeat(32) + "...#sha256:" + sha256(huge));
    }

    @Test
    void reportsAValueWithControlCharactersWithThemReplacedAndItsDigest() {
        String forging = "id\n\u001B[31mERROR forged";

        String reported = SafeText.reported(forging);

        assertThat(reported).isEqualTo("id\uFFFD\uFFFD[31mERROR forged...#sha256:" + sha256(forging));
        assertThat(SafeText.isId(reported)).isTrue();
    }

    @Test
    void neverReportsMoreThan139Characters() {
        assertThat(SafeText.reported("😀".repeat(1000))).hasSize(32 * 2 + 11 + 64);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
