package dk.care.provisioning.user;

import static dk.care.provisioning.user.ParsedAssertions.assertRejected;
import static dk.care.provisioning.user.ParsedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"anna.jensen@example.dk", "a+tag@sub.example.co.uk", "o'brien@example.com",
            "anna@xn--blbr-roag.dk", "x@example.museum"})
    void acceptsOrdinaryAddresses(String raw) {
        assertThat(assertValid(EmailAddress.parse(raw)).value()).isEqualTo(raw);
    }

    @Test
    void acceptsInternationalisedDomainAsWritten() {
        assertThat(assertValid(EmailAddress.parse("ole@blåbær.dk")).value()).isEqualTo("ole@blåbær.dk");
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(assertValid(EmailAddress.parse("  anna@example.dk\t")).value()).isEqualTo("anna@example.dk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna.example.dk", "anna@@example.dk", "anna@care@example.dk", "anna@localhost",
            "anna jensen@example.dk", "anna@exam ple.dk", "anna\u0000@example.dk", "anna@example.dk\n.evil",
            "@example.dk", "anna@", ".anna@example.dk", "anna.@example.dk", "an..na@example.dk",
            "anna@.example.dk", "anna@example..dk", "anna@example.dk.", "anna@-example.dk", "anna@example-.dk",
            "anna@example.d", "anna@example.123", "\"anna\"@example.dk", "anna@[192.168.0.1]", "ånna@example.dk"})
    void rejectsMalformedAddresses(String raw) {
        assertRejected(EmailAddress.parse(raw), ErrorCode.EMAIL_INVALID);
    }

    @Test
    void acceptsLocalPartOf64AndRejects65() {
        assertValid(EmailAddress.parse("a".repeat(64) + "@example.dk"));
        assertRejected(EmailAddress.parse("a".repeat(65) + "@example.dk"), ErrorCode.EMAIL_INVALID);
    }

    @Test
    void acceptsAddressOf254CharactersAndRejects255() {
        String local = "a".repeat(64);
        String domainOf189 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".dk";
        assertThat(local + "@" + domainOf189).hasSize(254);

        assertValid(EmailAddress.parse(local + "@" + domainOf189));
        assertRejected(EmailAddress.parse(local + "@" + "e" + domainOf189), ErrorCode.EMAIL_INVALID);
    }

    @Test
    void rejectsDomainLabelLongerThan63() {
        assertRejected(EmailAddress.parse("anna@" + "b".repeat(64) + ".dk"), ErrorCode.EMAIL_INVALID);
    }
}
