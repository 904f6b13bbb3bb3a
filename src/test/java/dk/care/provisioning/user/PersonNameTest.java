package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"Søren Kierkegaard", "Åse Ødegård-Æbelø", "O'Neill", "Zoë d'Arc", "محمد", "李小龙",
            "Anna\u00A0Jensen"})
    void acceptsNamesInAnyScript(String raw) {
        assertThat(assertValid(PersonName.parse(raw)).value()).isEqualTo(raw);
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(assertValid(PersonName.parse("  Anna Jensen ")).value()).isEqualTo("Anna Jensen");
    }

    @Test
    void acceptsTwoHundredCharactersAndRejectsTwoHundredAndOne() {
        assertValid(PersonName.parse("a".repeat(200)));
        assertRejected(PersonName.parse("a".repeat(201)), ErrorCode.NAME_INVALID);
    }

    @Test
    void countsCodePointsNotChars() {
        String twoHundredSupplementary = "𝔄".repeat(200);
        assertThat(twoHundredSupplementary).hasSize(400);

        assertValid(PersonName.parse(twoHundredSupplementary));
        assertRejected(PersonName.parse(twoHundredSupplementary + "𝔄"), ErrorCode.NAME_INVALID);
    }

    @Test
    void rejectsTenMegabyteNameQuickly() {
        String huge = "a".repeat(10 * 1024 * 1024);
        assertTimeoutPreemptively(Duration.ofMillis(200),
                () -> assertRejected(PersonName.parse(huge), ErrorCode.NAME_INVALID));
    }

    @Test
    void rejectsRightToLeftOverride() {
        assertRejected(PersonName.parse("Anna \u202Egnp.exe"), ErrorCode.NAME_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void rejectsEveryBidiEmbeddingOverrideAndIsolate(String bidi) {
        assertRejected(PersonName.parse("Anna" + bidi + "Jensen"), ErrorCode.NAME_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\t", "\n", "\r", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029", "\uD800"})
    void rejectsControlCharactersAndLineBreaksInside(String control) {
        assertRejected(PersonName.parse("Anna" + control + "Jensen"), ErrorCode.NAME_INVALID);
    }

    @Test
    void rejectsBlankName() {
        assertRejected(PersonName.parse(" \t "), ErrorCode.NAME_INVALID);
    }
}
