package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenVaultTest {

    private static final String KEY = "q4bJ2QvX0y6m1cN8Yl7dV3sR5tW9zA0kE2fH4jL6nP8=";
    private static final String OTHER_KEY = "wPnGd6Fd9QTLIyCB5hJLg08JAburpBF4AUQMtmlYpwI=";

    private final TokenVault vault = new TokenVault(Map.of("k1", KEY), "k1");

    @Test
    void makesTokensOf32RandomBytesInBase64UrlAndHashesThemWithSha256() {
        String token = vault.newToken();

        assertThat(token).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(vault.newToken());
        assertThat(TokenVault.hash(token)).matches("[0-9a-f]{64}").isEqualTo(TokenVault.hash(token));
    }

    @Test
    void decryptsWhatItEncryptedForTheSameInvitationOnly() {
        UUID invitation = UUID.randomUUID();
        String token = vault.newToken();

        String sealed = vault.encrypt(invitation, token);

        assertThat(sealed).doesNotContain(token);
        assertThat(vault.decrypt(invitation, sealed)).isEqualTo(token);
        assertThatThrownBy(() -> vault.decrypt(UUID.randomUUID(), sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another invitation");
    }

    @Test
    void decryptsWithARetiredKeyAfterRotation() {
        UUID invitation = UUID.randomUUID();
        String sealed = vault.encrypt(invitation, "a-token");

        var rotated = new TokenVault(Map.of("k1", KEY, "k2", OTHER_KEY), "k2");

        assertThat(rotated.decrypt(invitation, sealed)).isEqualTo("a-token");
        assertThat(rotated.encrypt(invitation, "a-token")).isNotEqualTo(sealed);
    }

    @Test
    void refusesACiphertextUnderAnUnknownKey() {
        UUID invitation = UUID.randomUUID();
        String sealed = new TokenVault(Map.of("k9", OTHER_KEY), "k9").encrypt(invitation, "a-token");

        assertThatThrownBy(() -> vault.decrypt(invitation, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyThatIsNot256Bits() {
        assertThatThrownBy(() -> new TokenVault(Map.of("k1", "c2hvcnQ="), "k1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
