package dk.care.provisioning.security;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretResolverTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static RSAKey rsaOld;
    private static RSAKey rsaNew;
    private static ECKey ec;
    private static SecretResolver resolver;

    @BeforeAll
    static void keys() {
        rsaOld = JweTestSupport.rsaKey("rsa-2025");
        rsaNew = JweTestSupport.rsaKey("rsa-2026");
        ec = JweTestSupport.ecKey("ec-2026");
        resolver = new SecretResolver(new JWKSet(List.of(rsaOld, rsaNew, ec)), false);
    }

    @Test
    void decryptsRsaOaep256Jwe() {
        assertThat(resolver.resolve(Secret.of(JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK()))))
                .isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void decryptsEcdhEsJwe() {
        assertThat(resolver.resolve(Secret.of(JweTestSupport.encrypt(PASSWORD, ec.toPublicJWK()))))
                .isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void decryptsEcdhEsKeyWrapJwe() {
        String jwe = JweTestSupport.encrypt(PASSWORD, ec.toPublicJWK(), JWEAlgorithm.ECDH_ES_A256KW);

        assertThat(resolver.resolve(Secret.of(jwe))).isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void selectsKeyByKidWhenTwoKeysAreActive() {
        String toOld = JweTestSupport.encrypt("old-key secret", rsaOld.toPublicJWK());
        String toNew = JweTestSupport.encrypt("new-key secret", rsaNew.toPublicJWK());

        assertThat(resolver.resolve(Secret.of(toOld))).isEqualTo(new SecretResolution.Resolved(Secret.of("old-key secret")));
        assertThat(resolver.resolve(Secret.of(toNew))).isEqualTo(new SecretResolution.Resolved(Secret.of("new-key secret")));
    }

    @Test
    void usesTheOnlyKeyOfTheAlgorithmWhenKidIsAbsent() {
        String jwe = JweTestSupport.encrypt(PASSWORD, ec.toPublicJWK(),
                new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM).build());

        assertThat(resolver.resolve(Secret.of(jwe))).isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void rejectsJweWithoutKidWhenSeveralKeysFitItsAlgorithm() {
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK(),
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).build());

        assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
    }

    @Test
    void rejectsUnknownKidWithoutEchoingTheInput() {
        RSAKey stranger = JweTestSupport.rsaKey("stranger-kid");
        String jwe = JweTestSupport.encrypt(PASSWORD, stranger.toPublicJWK());

        SecretResolution.Rejected rejected = assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
        assertThat(rejected.message()).doesNotContain("stranger-kid").contains("key id");
    }

    @Test
    void rejectsJweEncryptedToAnotherKeyUnderAKnownKid() {
        RSAKey impostor = JweTestSupport.rsaKey(rsaNew.getKeyID());
        String jwe = JweTestSupport.encrypt(PASSWORD, impostor.toPublicJWK());

        assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
    }

    @Test
    void rejectsTamperedCiphertext() {
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK());
        String[] parts = jwe.split("\\.");
        parts[3] = (parts[3].charAt(0) == 'A' ? 'B' : 'A') + parts[3].substring(1);
        String tampered = String.join(".", parts);

        assertThat(assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(tampered)), tampered).message())
                .contains("could not be decrypted with this worker's key");
    }

    @Test
    void rejectsTamperedHeaderBecauseItIsAuthenticated() {
        String jwe = JweTestSupport.encrypt(PASSWORD, ec.toPublicJWK());
        String[] parts = jwe.split("\\.");
        // Same kid and ephemeral key, one extra member: decryption gets as far as the tag check.
        String original = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String withExtra = original.substring(0, original.length() - 1) + ",\"x\":\"y\"}";
        parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(withExtra.getBytes(StandardCharsets.UTF_8));
        String tampered = String.join(".", parts);

        assertThat(assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(tampered)), tampered).message())
                .contains("could not be decrypted with this worker's key");
    }

    @Test
    void rejectsJweShapedGarbage() {
        for (String garbage : List.of("eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.AAAA.BBBB.CCCC.DDDD", "abc.def.ghi.jkl.mno",
                "eyJ.e30.e30.e30.e30")) {
            assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(garbage)), garbage);
        }
    }

    @Test
    void mapsEveryFailureOfMutatedJwesToSecretDecryptionFailedWithoutEcho() {
        var random = new java.util.Random(6);
        for (JWK key : List.of(rsaNew, ec)) {
            String[] parts = JweTestSupport.encrypt(PASSWORD, key.toPublicJWK()).split("\\.");
            for (int i = 0; i < 100; i++) {
                String[] mutated = parts.clone();
                int part = random.nextInt(parts.length);
                byte[] bytes = Base64.getUrlDecoder().decode(mutated[part]);
                if (bytes.length == 0 || random.nextBoolean()) {
                    bytes = new byte[random.nextInt(1, 300)];
                    random.nextBytes(bytes);
                } else {
                    bytes[random.nextInt(bytes.length)] ^= (byte) random.nextInt(1, 256);
                }
                mutated[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                String input = String.join(".", mutated);
                assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(input)), input);
            }
        }
    }

    @Test
    void rejectsEcdhEsJweWhoseEphemeralKeyIsNotOnTheCurve() {
        String[] parts = JweTestSupport.encrypt(PASSWORD, ec.toPublicJWK()).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String offCurve = header.replaceAll("\"x\":\"[^\"]+\"", "\"x\":\"" + "A".repeat(43) + "\"");
        parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(offCurve.getBytes(StandardCharsets.UTF_8));
        String input = String.join(".", parts);

        assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(input)), input);
    }

    @Test
    void rejectsContentEncryptionOtherThanA256Gcm() {
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK(),
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM).keyID(rsaNew.getKeyID()).build());

        SecretResolution.Rejected rejected = assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
        assertThat(rejected.message()).contains("A256GCM");
    }

    @Test
    void rejectsKeyManagementOtherThanOaep256OrEcdhEs() {
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK(),
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_512, EncryptionMethod.A256GCM).keyID(rsaNew.getKeyID()).build());

        assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
    }

    @Test
    void rejectsCompressedJwe() {
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK(),
                new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).keyID(rsaNew.getKeyID())
                        .compressionAlgorithm(CompressionAlgorithm.DEF).build());

        assertDecryptionFailedWithoutEcho(resolver.resolve(Secret.of(jwe)), jwe);
    }

    @Test
    void rejectsPlaintextByDefault() {
        SecretResolution result = resolver.resolve(Secret.of(PASSWORD));

        assertThat(result).isInstanceOfSatisfying(SecretResolution.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(SecretResolution.Reason.PLAINTEXT_REFUSED);
            assertThat(rejected.message()).doesNotContain(PASSWORD);
        });
    }

    @Test
    void acceptsPlaintextWhenAllowed() {
        SecretResolver lenient = new SecretResolver(new JWKSet(rsaNew), true);

        assertThat(lenient.resolve(Secret.of(PASSWORD))).isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
        assertThat(lenient.resolve(Secret.of(JweTestSupport.encrypt(PASSWORD, rsaNew.toPublicJWK()))))
                .isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void refusesUndecryptableJweEvenWhenPlaintextIsAllowed() {
        SecretResolver lenient = new SecretResolver(new JWKSet(rsaNew), true);
        String jwe = JweTestSupport.encrypt(PASSWORD, rsaOld.toPublicJWK());

        assertDecryptionFailedWithoutEcho(lenient.resolve(Secret.of(jwe)), jwe);
    }

    @Test
    void leavesBlankSecretToTheRequiredFieldRule() {
        assertThat(resolver.resolve(Secret.of(" "))).isEqualTo(new SecretResolution.Resolved(Secret.of(" ")));
    }

    @Test
    void loadsKeySetFromFile(@TempDir Path dir) {
        Path file = JweTestSupport.writeKeySet(new JWKSet(List.of(rsaOld, ec)), dir.resolve("jwks.json"));
        SecretResolver fromFile = SecretResolver.fromKeySetFile(file, false);

        assertThat(fromFile.resolve(JweTestSupport.jweSecret(PASSWORD, rsaOld.toPublicJWK())))
                .isEqualTo(new SecretResolution.Resolved(Secret.of(PASSWORD)));
    }

    @Test
    void refusesKeySetWithoutPrivateKeys() {
        assertThatThrownBy(() -> new SecretResolver(new JWKSet(rsaNew.toPublicJWK()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
    }

    @Test
    void refusesRsaKeysShorterThan2048Bits() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();

        assertThatThrownBy(() -> new SecretResolver(new JWKSet(weak), false)).hasMessageContaining("2048");
    }

    @Test
    void refusesRepeatedKids() {
        JWK twin = JweTestSupport.rsaKey(rsaNew.getKeyID());

        assertThatThrownBy(() -> new SecretResolver(new JWKSet(List.of(rsaNew, twin)), false)).hasMessageContaining("kid");
    }

    @Test
    void refusesUnparsableKeyFileWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"d\":\"TOP-SECRET-PART\"");

        assertThatThrownBy(() -> SecretResolver.fromKeySetFile(file, false))
                .hasMessageContaining("not a valid JWK set").hasMessageNotContaining("TOP-SECRET-PART");
    }

    @Test
    void refusesEmptyKeySetFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");

        assertThatThrownBy(() -> SecretResolver.fromKeySetFile(file, false)).hasMessageContaining("holds no keys");
    }

    private static SecretResolution.Rejected assertDecryptionFailedWithoutEcho(SecretResolution result, String input) {
        assertThat(result).isInstanceOf(SecretResolution.Rejected.class);
        var rejected = (SecretResolution.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(SecretResolution.Reason.DECRYPTION_FAILED);
        assertThat(rejected.message()).doesNotContain(input).doesNotContain(PASSWORD);
        for (String part : input.split("\\.")) {
            if (part.length() > 3) {
                assertThat(rejected.message()).doesNotContain(part);
            }
        }
        return rejected;
    }
}
