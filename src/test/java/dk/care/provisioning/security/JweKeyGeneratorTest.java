package dk.care.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JweKeyGeneratorTest {

    @Test
    void createsAnOwnerOnlyKeySetTheWorkerDecryptsWithAndReturnsItsPublicKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("worker-jwks.json");

        JWKSet published = JweKeyGenerator.addKey("worker-2026", file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JWK publicKey = published.getKeyByKeyId("worker-2026");
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(((RSAKey) publicKey).size()).isEqualTo(3072);
        SecretResolver resolver = new SecretResolver(JweKeys.load(file), false);
        assertThat(resolver.resolve(JweTestSupport.jweSecret("a long passphrase", publicKey)))
                .isEqualTo(new SecretResolution.Resolved(Secret.of("a long passphrase")));
    }

    @Test
    void addsAKeyForARotationKeepingTheOldOneAndRefusesAKidTwice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("worker-jwks.json");
        JweKeyGenerator.addKey("worker-2025", file);

        assertThat(JweKeyGenerator.addKey("worker-2026", file).getKeys()).extracting(JWK::getKeyID)
                .containsExactly("worker-2025", "worker-2026");
        assertThat(JweKeys.load(file).keyIds()).containsExactly("worker-2025", "worker-2026");
        assertThatThrownBy(() -> JweKeyGenerator.addKey("worker-2026", file))
                .hasMessageContaining("kid worker-2026 is already in");
    }
}
