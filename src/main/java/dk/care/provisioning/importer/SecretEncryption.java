package dk.care.provisioning.importer;

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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts the secrets of a request (password, CPR) to the worker's public key before the request
 * leaves the command (DESIGN.md §3): a JWE compact serialization, RSA-OAEP-256 for an RSA key or
 * ECDH-ES for an EC key, A256GCM, with the key's kid. Plaintext is sent only when asked for, and
 * only a worker with {@code provisioning.security.allow-plaintext-secrets=true} accepts it.
 */
final class SecretEncryption {

    private static final int MIN_RSA_BITS = 2048;

    private final @Nullable JWK key;

    private SecretEncryption(@Nullable JWK key) {
        this.key = key;
    }

    static SecretEncryption plaintext() {
        return new SecretEncryption(null);
    }

    /**
     * Encryption to a public key in {@code keyFile} (a JWK or a JWK set, e.g. the worker's public key
     * set): the key with {@code keyId}, or else the first RSA key, or else the first EC key.
     */
    static SecretEncryption toKeyIn(Path keyFile, @Nullable String keyId) throws BadInputException {
        List<JWK> keys = read(keyFile).stream().map(JWK::toPublicJWK)
                .filter(key -> key.getKeyUse() == null || KeyUse.ENCRYPTION.equals(key.getKeyUse()))
                .filter(key -> keyId == null || keyId.equals(key.getKeyID()))
                .toList();
        Optional<JWK> chosen = keys.stream().filter(RSAKey.class::isInstance).findFirst()
                .or(() -> keys.stream().filter(ECKey.class::isInstance).findFirst());
        if (chosen.isEmpty()) {
            throw new BadInputException(keyFile.getFileName() + " holds no RSA or EC encryption key"
                    + (keyId == null ? "" : " with kid " + keyId));
        }
        if (chosen.get() instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            throw new BadInputException(keyFile.getFileName() + ": the RSA key is shorter than " + MIN_RSA_BITS + " bits");
        }
        return new SecretEncryption(chosen.get());
    }

    private static List<JWK> read(Path keyFile) throws BadInputException {
        String json;
        try {
            json = Files.readString(keyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read the worker key " + keyFile + ": " + e.getClass().getSimpleName());
        }
        try {
            return JWKSet.parse(json).getKeys();
        } catch (ParseException notASet) {
            try {
                return List.of(JWK.parse(json));
            } catch (ParseException e) {
                // The parser's message may quote the file, which might hold a private key by mistake.
                throw new BadInputException(keyFile.getFileName() + " is neither a JWK nor a JWK set");
            }
        }
    }

    boolean encrypts() {
        return key != null;
    }

    String describe() {
        return key == null ? "plaintext (only a worker that allows plaintext secrets accepts them)"
                : "JWE " + algorithm().getName() + " + A256GCM to kid " + key.getKeyID();
    }

    /** Replaces the plaintext secrets of the request's login by their JWE. */
    void encrypt(CreateUserRequest request) {
        if (key == null) {
            return;
        }
        switch (request.getLogin()) {
            case StandardLogin standard when standard.getPassword() != null ->
                    standard.setPassword(encrypt(standard.getPassword()));
            case MitIdLogin mitId when mitId.getCpr() != null -> mitId.setCpr(encrypt(mitId.getCpr()));
            case null, default -> { }
        }
    }

    private String encrypt(String plaintext) {
        JWK key = Objects.requireNonNull(this.key, "no key to encrypt to");
        try {
            var jwe = new JWEObject(new JWEHeader.Builder(algorithm(), EncryptionMethod.A256GCM)
                    .keyID(key.getKeyID()).build(), new Payload(plaintext));
            jwe.encrypt(encrypter());
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("JWE encryption failed: " + e.getClass().getSimpleName());
        }
    }

    private JWEAlgorithm algorithm() {
        return key instanceof ECKey ? JWEAlgorithm.ECDH_ES : JWEAlgorithm.RSA_OAEP_256;
    }

    private JWEEncrypter encrypter() throws JOSEException {
        return key instanceof ECKey ec ? new ECDHEncrypter(ec) : new RSAEncrypter((RSAKey) key);
    }
}
