package dk.care.provisioning.security;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CprProtectorTest {

    private static final Secret CPR = Secret.of("0101901234");
    private static final String KEY_2025 = randomKey(32);
    private static final String KEY_2026 = randomKey(32);
    private static final String INDEX_KEY = randomKey(32);

    private final CprProtector protector = CprProtector.fromBase64(Map.of("k2025", KEY_2025), "k2025", INDEX_KEY);

    @Test
    void encryptsEqualCprsToDifferentCiphertextsWithTheSameBlindIndex() {
        String first = protector.encrypt(CPR);
        String second = protector.encrypt(CPR);

        assertThat(first).isNotEqualTo(second).startsWith("k2025:").doesNotContain(CPR.reveal());
        assertThat(protector.blindIndex(CPR)).isEqualTo(protector.blindIndex(Secret.of("0101901234")))
                .matches("[0-9a-f]{64}").doesNotContain(CPR.reveal());
    }

    @Test
    void storesNonceCiphertextAndTagBehindTheKeyId() {
        byte[] stored = Base64.getDecoder().decode(protector.encrypt(CPR).substring("k2025:".length()));

        assertThat(stored).hasSize(12 + 10 + 16);
    }

    @Test
    void decryptsToTheDigits() {
        assertThat(protector.decrypt(protector.encrypt(CPR))).isEqualTo(CPR);
        assertThat(protector.decrypt(protector.encrypt(Secret.of("010190-1234")))).isEqualTo(CPR);
    }

    @Test
    void indexesHyphenatedAndPlainCprAlike() {
        assertThat(protector.blindIndex(Secret.of("010190-1234"))).isEqualTo(protector.blindIndex(CPR));
        assertThat(protector.blindIndex(Secret.of("0101901235"))).isNotEqualTo(protector.blindIndex(CPR));
    }

    @Test
    void keepsTheBlindIndexAcrossEncryptionKeyRotation() {
        CprProtector rotated = CprProtector.fromBase64(Map.of("k2025", KEY_2025, "k2026", KEY_2026), "k2026", INDEX_KEY);

        assertThat(rotated.blindIndex(CPR)).isEqualTo(protector.blindIndex(CPR));
    }

    @Test
    void readsOldCiphertextsAfterKeyRotationAndWritesWithTheNewKey() {
        String writtenBefore = protector.encrypt(CPR);
        CprProtector rotated = CprProtector.fromBase64(Map.of("k2025", KEY_2025, "k2026", KEY_2026), "k2026", INDEX_KEY);

        assertThat(rotated.decrypt(writtenBefore)).isEqualTo(CPR);
        assertThat(rotated.needsReEncryption(writtenBefore)).isTrue();
        String writtenAfter = rotated.encrypt(CPR);
        assertThat(rotated.keyIdOf(writtenAfter)).isEqualTo("k2026");
        assertThat(rotated.needsReEncryption(writtenAfter)).isFalse();
        assertThat(rotated.decrypt(writtenAfter)).isEqualTo(CPR);
    }

    @Test
    void refusesCiphertextOfARetiredKey() {
        String written = protector.encrypt(CPR);
        CprProtector retired = CprProtector.fromBase64(Map.of("k2026", KEY_2026), "k2026", INDEX_KEY);

        assertThatThrownBy(() -> retired.decrypt(written)).isInstanceOf(CprDecryptionException.class)
                .hasMessageContaining("k2025");
    }

    @Test
    void refusesAlteredCiphertextOrRelabelledKeyId() {
        String written = protector.encrypt(CPR);
        byte[] bytes = Base64.getDecoder().decode(written.substring(6));
        bytes[15] ^= 1;
        String altered = "k2025:" + Base64.getEncoder().encodeToString(bytes);
        CprProtector sameKeyTwoIds = CprProtector.fromBase64(Map.of("k2025", KEY_2025, "alias", KEY_2025), "k2025", INDEX_KEY);

        assertThatThrownBy(() -> protector.decrypt(altered)).isInstanceOf(CprDecryptionException.class)
                .hasMessageNotContaining(altered);
        assertThatThrownBy(() -> sameKeyTwoIds.decrypt(written.replace("k2025:", "alias:")))
                .isInstanceOf(CprDecryptionException.class);
        assertThatThrownBy(() -> protector.decrypt("no-key-id")).isInstanceOf(CprDecryptionException.class);
    }

    @Test
    void refusesWhatIsNotACpr() {
        assertThatThrownBy(() -> protector.encrypt(Secret.of("01019O1234")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("01019O1234");
        assertThatThrownBy(() -> protector.blindIndex(Secret.of("123")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsWrongKeyLengthAtConstruction() {
        String shortKey = randomKey(16);

        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of("k1", shortKey), "k1", INDEX_KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of("k1", KEY_2025), "k1", shortKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blind index");
    }

    @Test
    void rejectsMissingActiveKeyInvalidBase64AndReusedIndexKey() {
        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of("k1", KEY_2025), "k2", INDEX_KEY))
                .hasMessageContaining("active");
        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of("k1", "not base64 %%%"), "k1", INDEX_KEY))
                .hasMessageContaining("base64").hasMessageNotContaining("%");
        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of("k1", KEY_2025), "k1", KEY_2025))
                .hasMessageContaining("differ");
        assertThatThrownBy(() -> CprProtector.fromBase64(Map.of(), "k1", INDEX_KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsKeysInToString() {
        assertThat(protector.toString()).contains("k2025").doesNotContain(KEY_2025).doesNotContain(INDEX_KEY);
    }

    /** Base64 of {@code bytes} random bytes, as a key appears in configuration. */
    static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
