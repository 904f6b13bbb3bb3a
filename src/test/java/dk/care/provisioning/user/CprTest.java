package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CprTest {

    @Test
    void keepsOnlyTheDigits() {
        assertThat(assertValid(Cpr.parse("010190-1234")).digits()).isEqualTo("0101901234");
        assertThat(assertValid(Cpr.parse("0101901234")).digits()).isEqualTo("0101901234");
    }

    @Test
    void acceptsNumberFailingModulus11() {
        // 0101001234 has weighted sum 30, not divisible by 11; numbers issued since 2007 may look like this.
        assertValid(Cpr.parse("0101001234"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2902000234", "2902001234", "2902002234", "2902003234"})
    void seventhDigitZeroToThreeMeansNineteenHundredsSoTwentyNinthFebruaryOfYearZeroIsNotADate(String raw) {
        assertRejected(Cpr.parse(raw), ErrorCode.CPR_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2902004234", "2902009234", "290200-4234"})
    void seventhDigitFourOrNineWithYearUpTo36MeansTwoThousands(String raw) {
        assertValid(Cpr.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2902005234", "2902006234", "2902007234", "2902008234"})
    void seventhDigitFiveToEightWithYearUpTo57MeansTwoThousands(String raw) {
        assertValid(Cpr.parse(raw));
    }

    @Test
    void acceptsTwentyNinthFebruaryOfALeapYearInEveryCentury() {
        assertValid(Cpr.parse("2902961234"));
        assertValid(Cpr.parse("2902964234"));
        assertValid(Cpr.parse("2902805234"));
        assertValid(Cpr.parse("2902365234"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2902011234", "3102991234", "3104901234", "0013901234", "0001901234",
            "3202901234", "0000001234"})
    void rejectsDatesThatDoNotExist(String raw) {
        assertRejected(Cpr.parse(raw), ErrorCode.CPR_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "010190123", "01019012345", "010190--1234", "01019-01234", "010190 1234",
            " 0101901234", "0101901234 ", "01O1901234", "٠١٠١٩٠١٢٣٤", "0101901234-"})
    void rejectsAnythingButTenDigitsWithOptionalDash(String raw) {
        assertRejected(Cpr.parse(raw), ErrorCode.CPR_INVALID);
    }

    @Test
    void neverPrintsTheNumber() {
        Cpr cpr = assertValid(Cpr.parse("010190-1234"));
        assertThat(cpr.toString()).doesNotContain("010190", "1234");
        assertThat(assertRejected(Cpr.parse("3102991234"), ErrorCode.CPR_INVALID).message()).doesNotContain("310299");
        assertThat(assertRejected(Cpr.parse("31029912345"), ErrorCode.CPR_INVALID).message()).doesNotContain("310299");
    }
}
