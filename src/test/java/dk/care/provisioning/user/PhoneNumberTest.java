package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @Test
    void acceptsDanishMobileInE164() {
        assertThat(assertValid(PhoneNumber.parse("+4520123456")).e164()).isEqualTo("+4520123456");
    }

    @Test
    void acceptsSwedishMobile() {
        assertThat(assertValid(PhoneNumber.parse("+46701234567")).e164()).isEqualTo("+46701234567");
    }

    @Test
    void normalisesSpacesAwayToE164() {
        assertThat(assertValid(PhoneNumber.parse(" +46 70 123 45 67")).e164()).isEqualTo("+46701234567");
        assertThat(assertValid(PhoneNumber.parse("+45 20 12 34 56")).e164()).isEqualTo("+4520123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20123456", "004520123456", "45 20 12 34 56", "(+45) 20123456"})
    void rejectsPhoneWithoutCountryCode(String raw) {
        assertRejected(PhoneNumber.parse(raw), ErrorCode.PHONE_MISSING_COUNTRY_CODE);
    }

    @Test
    void rejectsDanishNumberWithTooFewDigits() {
        assertRejected(PhoneNumber.parse("+45 2012345"), ErrorCode.PHONE_INVALID);
    }

    @Test
    void rejectsDanishNumberWithTooManyDigits() {
        assertRejected(PhoneNumber.parse("+45201234567"), ErrorCode.PHONE_INVALID);
    }

    @Test
    void rejectsDanishNumberInARangeThatIsNotAssigned() {
        // The docs/design.md example +4512345678 is well-formed but Danish numbers starting with 1 are service codes.
        assertRejected(PhoneNumber.parse("+4512345678"), ErrorCode.PHONE_INVALID);
    }

    @Test
    void rejectsUnknownCountryCode() {
        assertRejected(PhoneNumber.parse("+999 12345678"), ErrorCode.PHONE_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "+45-20-12-34-56", "+4520123456 ext 2", "+1 800 FLOWERS", "+45\t20123456", "+45２０１２３４５６"})
    void rejectsAnythingButDigitsAndSpacesAfterThePlus(String raw) {
        assertRejected(PhoneNumber.parse(raw), ErrorCode.PHONE_INVALID);
    }

    @Test
    void rejectsVeryLongInputWithoutParsingIt() {
        assertRejected(PhoneNumber.parse("+45" + "2".repeat(1_000_000)), ErrorCode.PHONE_INVALID);
    }

    @Test
    void equalsByE164Form() {
        assertThat(assertValid(PhoneNumber.parse("+45 20 12 34 56")))
                .isEqualTo(assertValid(PhoneNumber.parse("+4520123456")))
                .hasSameHashCodeAs(assertValid(PhoneNumber.parse("+4520123456")));
    }
}
