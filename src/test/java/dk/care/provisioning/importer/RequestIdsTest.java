package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void isAVersion5NameBasedUuidAsRfc9562Defines() {
        // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        assertThat(RequestIds.nameBased(dns, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    /** Pinned: a change of the derivation would give every row of every earlier import a new id. */
    @Test
    void theSameRowGivesTheSameIdOnEveryRun() {
        assertThat(RequestIds.of("hr", row("1001", "Søren", "pw-1"), 1))
                .isEqualTo(RequestIds.of("hr", row("1001", "Søren", "pw-1"), 1))
                .isEqualTo("60073e79-22b3-5494-ac68-9548a850db5d");
    }

    @Test
    void anotherSourceExternalIdContentOrAttemptGivesAnotherId() {
        String id = RequestIds.of("hr", row("1001", "Søren", "pw"), 1);

        assertThat(List.of(RequestIds.of("other-hr", row("1001", "Søren", "pw"), 1),
                RequestIds.of("hr", row("1002", "Søren", "pw"), 1),
                RequestIds.of("hr", row("1001", "Søren Ærø", "pw"), 1),
                RequestIds.of("hr", row("1001", "Søren", "pw"), 2))).doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void secretsDoNotEnterTheId() {
        assertThat(RequestIds.of("hr", row("1001", "Søren", "first-password"), 1))
                .isEqualTo(RequestIds.of("hr", row("1001", "Søren", "second-password"), 1));
    }

    @Test
    void emptyAndMissingValuesDiffer() {
        assertThat(RequestIds.of("hr", row("1001", "", "pw"), 1)).isNotEqualTo(RequestIds.of("hr", row("1001", null, "pw"), 1));
    }

    private static ColumnMapping.Mapped row(String externalId, String name, String password) {
        Map<RequestField, String> values = new EnumMap<>(RequestField.class);
        values.put(RequestField.EXTERNAL_ID, externalId);
        if (name != null) {
            values.put(RequestField.NAME, name);
        }
        values.put(RequestField.PASSWORD, password);
        values.put(RequestField.LOGIN, "STANDARD");
        return new ColumnMapping.Mapped(values, List.of());
    }
}
