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
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What an HR system does to send a secret, for tests anywhere in the project. Only the public
 * JWK is needed to encrypt:
 * <pre>{@code
 * String jwe = new JWEObject(
 *         new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).keyID(workerKey.getKeyID()).build(),
 *         new Payload(password))
 *     .encrypt(new RSAEncrypter(workerKey.toRSAPublicKey())) // then .serialize()
 * }</pre>
 */
public final class JweTestSupport {

    private JweTestSupport() {
    }

    /** Encrypts to {@code publicKey} with RSA-OAEP-256 (RSA) or ECDH-ES (EC) and A256GCM, setting its kid. */
    public static String encrypt(String plaintext, JWK publicKey) {
        JWEAlgorithm algorithm = publicKey instanceof ECKey ? JWEAlgorithm.ECDH_ES : JWEAlgorithm.RSA_OAEP_256;
        return encrypt(plaintext, publicKey, algorithm);
    }

    /** Encrypts with the given key management algorithm and A256GCM. */
    public static String encrypt(String plaintext, JWK publicKey, JWEAlgorithm algorithm) {
        return encrypt(plaintext, publicKey, new JWEHeader.Builder(algorithm, EncryptionMethod.A256GCM)
                .keyID(publicKey.getKeyID()).build());
    }

    /** Encrypts with a header of the caller's choosing, e.g. without kid or with another enc. */
    public static String encrypt(String plaintext, JWK publicKey, JWEHeader header) {
        try {
            JWEObject jwe = new JWEObject(header, new Payload(plaintext));
            jwe.encrypt(encrypterFor(publicKey.toPublicJWK()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("test encryption failed", e);
        }
    }

    /** {@link #encrypt(String, JWK)} wrapped as it arrives in a request. */
    public static Secret jweSecret(String plaintext, JWK publicKey) {
        return Secret.of(encrypt(plaintext, publicKey));
    }

    /** A fresh 2048-bit RSA encryption key pair with the given kid (private part included). */
    public static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.ENCRYPTION).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh P-256 encryption key pair with the given kid (private part included). */
    public static ECKey ecKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.ENCRYPTION).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private RSA key set, one fresh key per kid, as the worker would load it. */
    public static JWKSet rsaKeySet(String... keyIds) {
        return new JWKSet(Arrays.stream(keyIds).<JWK>map(JweTestSupport::rsaKey).toList());
    }

    /** Writes the key set with its private parts, for {@code provisioning.security.jwe.key-set-path}. */
    public static Path writeKeySet(JWKSet keySet, Path file) {
        try {
            return Files.writeString(file, keySet.toString(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JWEEncrypter encrypterFor(JWK publicKey) throws JOSEException {
        return switch (publicKey) {
            case RSAKey rsa -> new RSAEncrypter(rsa);
            case ECKey ec -> new ECDHEncrypter(ec);
            default -> throw new IllegalArgumentException("only RSA and EC keys are supported here");
        };
    }
}
