package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"anna", "anna.jensen", "anna_jensen", "anna-jensen", "anna@demo-care", "a1b", "007"})
    void acceptsLettersDigitsAndPunctuationOfTheContract(String raw) {
        assertThat(assertValid(Username.parse(raw)).value()).isEqualTo(raw);
    }

    @Test
    void acceptsMixedCaseAndStoresItLowercased() {
        assertThat(assertValid(Username.parse("Anna.Jensen@Demo-Care")).value()).isEqualTo("anna.jensen@demo-care");
    }

    @Test
    void differentCasesAreTheSameUsername() {
        assertThat(assertValid(Username.parse("ANNA"))).isEqualTo(assertValid(Username.parse("anna")));
    }

    @Test
    void lowercasesIndependentOfTheDefaultLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(assertValid(Username.parse("ILSE")).value()).isEqualTo("ilse");
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void acceptsThreeToSixtyFourCharacters() {
        assertValid(Username.parse("abc"));
        assertValid(Username.parse("a".repeat(64)));
        assertRejected(Username.parse("ab"), ErrorCode.USERNAME_INVALID);
        assertRejected(Username.parse("a".repeat(65)), ErrorCode.USERNAME_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna jensen", " anna", "anna+1", "søren", "anna!", "İlse", "\u212Aim", "anna\n", "ann\u0430"})
    void rejectsCharactersOutsideTheContract(String raw) {
        assertRejected(Username.parse(raw), ErrorCode.USERNAME_INVALID);
    }
}
