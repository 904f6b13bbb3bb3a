package dk.care.provisioning.security;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts a secret (password, CPR) to the worker's public key, as a producer must before a request
 * leaves it (docs/design.md §3): a JWE compact serialization, RSA-OAEP-256 for an RSA key or ECDH-ES for
 * an EC key, A256GCM, with the key's kid. Without a key, secrets stay plaintext, which only a worker
 * with {@code provisioning.security.allow-plaintext-secrets=true} accepts.
 */
public final class SecretEncryption {

    private static final int MIN_RSA_BITS = 2048;

    private final @Nullable JWK key;
    private final boolean plaintextAllowed;

    private SecretEncryption(@Nullable JWK key, boolean plaintextAllowed) {
        this.key = key;
        this.plaintextAllowed = plaintextAllowed;
    }

    public static SecretEncryption plaintext() {
        return new SecretEncryption(null, true);
    }

    /**
     * The rule of every producer in this code base (the console, the import command): without the worker's
     * key, secrets leave as plaintext only when that was asked for explicitly; otherwise no secret leaves.
     */
    public static SecretEncryption withoutKey(boolean plaintextExplicitlyAllowed) {
        return new SecretEncryption(null, plaintextExplicitlyAllowed);
    }

    /** Whether secrets may leave at all: encrypted, or as plaintext explicitly allowed. */
    public boolean sendsSecrets() {
        return key != null || plaintextAllowed;
    }

    /**
     * Encryption to the public part of one of these keys: the encryption key with {@code keyId}, or
     * else the first RSA key, or else the first EC key; empty when none fits.
     *
     * @throws IllegalArgumentException when the chosen RSA key is shorter than 2048 bits
     */
    public static Optional<SecretEncryption> toOneOf(List<JWK> keys, @Nullable String keyId) {
        List<JWK> candidates = keys.stream().map(JWK::toPublicJWK)
                .filter(key -> key.getKeyUse() == null || KeyUse.ENCRYPTION.equals(key.getKeyUse()))
                .filter(key -> keyId == null || keyId.equals(key.getKeyID()))
                .toList();
        Optional<JWK> chosen = candidates.stream().filter(RSAKey.class::isInstance).findFirst()
                .or(() -> candidates.stream().filter(ECKey.class::isInstance).findFirst());
        if (chosen.isPresent() && chosen.get() instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the RSA key is shorter than " + MIN_RSA_BITS + " bits");
        }
        return chosen.map(key -> new SecretEncryption(key, false));
    }

    public boolean encrypts() {
        return key != null;
    }

    public String describe() {
        if (key == null && !plaintextAllowed) {
            return "none: no worker key, and plaintext not allowed";
        }
        return key == null ? "plaintext (only a worker that allows plaintext secrets accepts them)"
                : "JWE " + algorithm().getName() + " + A256GCM to kid " + key.getKeyID();
    }

    /**
     * The secret as it may travel: its JWE, or itself when there is no key and plaintext is allowed.
     *
     * @throws IllegalStateException when {@link #sendsSecrets()} is false
     */
    public String encrypt(String plaintext) {
        if (key == null) {
            if (!plaintextAllowed) {
                throw new IllegalStateException("no worker key to encrypt secrets to, and plaintext not allowed");
            }
            return plaintext;
        }
        try {
            var jwe = new JWEObject(new JWEHeader.Builder(algorithm(), EncryptionMethod.A256GCM)
                    .keyID(key.getKeyID()).build(), new Payload(plaintext));
            jwe.encrypt(encrypter(key));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("JWE encryption failed: " + e.getClass().getSimpleName());
        }
    }

    private JWEAlgorithm algorithm() {
        return key instanceof ECKey ? JWEAlgorithm.ECDH_ES : JWEAlgorithm.RSA_OAEP_256;
    }

    private static JWEEncrypter encrypter(JWK key) throws JOSEException {
        return key instanceof ECKey ec ? new ECDHEncrypter(ec) : new RSAEncrypter((RSAKey) key);
    }
}
