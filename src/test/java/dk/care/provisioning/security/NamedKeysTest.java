package dk.care.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedKeysTest {

    private static final String KEY_1 = CprProtectorTest.randomKey(32);
    private static final String KEY_2 = CprProtectorTest.randomKey(32);

    @Test
    void readsKeyIdsAsWrittenInTheOrderGiven() {
        assertThat(NamedKeys.parse("cpr-2026:" + KEY_2 + ", demo-1:" + KEY_1 + ",", "keys"))
                .containsExactly(Map.entry("cpr-2026", KEY_2), Map.entry("demo-1", KEY_1));
    }

    @Test
    void refusesAKeyWithoutItsIdWithoutPrintingTheKey() {
        assertThatThrownBy(() -> NamedKeys.parse("demo-1:" + KEY_1 + "," + KEY_2, "provisioning.security.cpr.keys"))
                .hasMessage("provisioning.security.cpr.keys: entry 2 must be <key id>:<base64 key>, "
                        + "the key id 1-64 of A-Z a-z 0-9 . _ -")
                .message().doesNotContain(KEY_1).doesNotContain(KEY_2);
    }

    @Test
    void refusesAKeyIdGivenTwiceAndASettingWithoutKeys() {
        assertThatThrownBy(() -> NamedKeys.parse("a:" + KEY_1 + ",a:" + KEY_2, "keys"))
                .hasMessage("keys: key id a is given twice");
        assertThatThrownBy(() -> NamedKeys.parse(" , ", "keys")).hasMessage("keys holds no key");
    }
}
