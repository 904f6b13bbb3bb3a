package dk.care.provisioning.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the worker's JWE key set, or adds a key to it for a rotation: an RSA-3072 key for
 * RSA-OAEP-256 with the given kid. The private set goes to the file (owner-only when created), the
 * public set, which producers encrypt to, to standard output. Run from the packaged jar:
 * {@code java -cp <jar> -Dloader.main=dk.care.provisioning.security.JweKeyGenerator
 * org.springframework.boot.loader.launch.PropertiesLauncher <kid> <key set file>}.
 */
public final class JweKeyGenerator {

    private static final int RSA_BITS = 3072;

    private JweKeyGenerator() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: JweKeyGenerator <kid> <key set file>: creates the file, or adds a key to it");
            System.exit(2);
        }
        try {
            System.out.println(addKey(args[0], Path.of(args[1])).toString(true));
        } catch (IOException | RuntimeException e) {
            // No message here carries key material (JweKeys words its own without it).
            System.err.println("JweKeyGenerator: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Adds a new private key with this kid to the file (created if absent) and returns the public set. */
    static JWKSet addKey(String keyId, Path keySetFile) throws IOException {
        List<JWK> keys = new ArrayList<>(Files.exists(keySetFile) ? JweKeys.load(keySetFile).keys() : List.of());
        if (keys.stream().anyMatch(key -> keyId.equals(key.getKeyID()))) {
            throw new IllegalArgumentException("kid " + keyId + " is already in " + keySetFile + "; choose a new kid");
        }
        keys.add(rsaKey(keyId));
        // Checked as the worker will check it at start-up.
        JWKSet keySet = new JWKSet(JweKeys.of(new JWKSet(keys)).keys());
        if (!Files.exists(keySetFile)) {
            Files.createFile(keySetFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(keySetFile, keySet.toString(false), StandardCharsets.UTF_8);
        return keySet.toPublicJWKSet();
    }

    private static JWK rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(RSA_BITS).keyID(keyId).keyUse(KeyUse.ENCRYPTION)
                    .algorithm(JWEAlgorithm.RSA_OAEP_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation is not available in this JVM", e);
        }
    }
}
