package dk.care.provisioning.security;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** Turns a secret, JWE-encrypted to this worker or (if allowed) plaintext, into plaintext. */
public final class SecretResolver {

    // Far above any real secret (an RSA-4096 JWE of a 128-char password is ~1 KB); bounds parsing work.
    private static final int MAX_JWE_LENGTH = 16 * 1024;

    // Any value of this shape is treated as a JWE, even when plaintext is allowed: a JWE that fails
    // to decrypt must be refused, never silently used as the password itself.
    private static final Pattern JWE_COMPACT =
            Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private static final String PLAINTEXT_MESSAGE =
            "secret must be a JWE (RSA-OAEP-256 or ECDH-ES, A256GCM) encrypted to this worker's key; plaintext is not accepted";

    private final JweKeys keys;
    private final boolean allowPlaintext;

    /** A resolver decrypting with the private keys of {@code decryptionKeys}; rejects a key set unfit for JWE. */
    public SecretResolver(JWKSet decryptionKeys, boolean allowPlaintext) {
        this(JweKeys.of(decryptionKeys), allowPlaintext);
    }

    SecretResolver(JweKeys keys, boolean allowPlaintext) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowPlaintext = allowPlaintext;
    }

    /** A resolver reading its private keys from a JWK set file. */
    public static SecretResolver fromKeySetFile(Path keySetFile, boolean allowPlaintext) {
        return new SecretResolver(JweKeys.load(keySetFile), allowPlaintext);
    }

    public boolean allowsPlaintext() {
        return allowPlaintext;
    }

    /** Resolves one secret. A blank secret is returned as it is, so that the required-field rule reports it once. */
    public SecretResolution resolve(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        String value = secret.reveal();
        if (value.isBlank()) {
            return new SecretResolution.Resolved(secret);
        }
        String candidate = value.strip();
        if (!JWE_COMPACT.matcher(candidate).matches()) {
            return allowPlaintext
                    ? new SecretResolution.Resolved(secret)
                    : new SecretResolution.Rejected(SecretResolution.Reason.PLAINTEXT_REFUSED, PLAINTEXT_MESSAGE);
        }
        if (candidate.length() > MAX_JWE_LENGTH) {
            return rejected(DecryptionFailure.TOO_LONG);
        }
        return decrypt(candidate);
    }

    private SecretResolution decrypt(String compact) {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact);
        } catch (java.text.ParseException | RuntimeException e) {
            return rejected(DecryptionFailure.MALFORMED);
        }
        // Deliberately one reason for every crypto failure (no padding/tag oracle), and the library's
        // message is dropped because it may quote the input. Nothing thrown here may reach the
        // listener: a crafted secret would turn into retries and a dead letter instead of an outcome.
        try {
            return decrypt(jwe);
        } catch (Exception e) {
            return rejected(DecryptionFailure.DECRYPTION_FAILED);
        }
    }

    private SecretResolution decrypt(JWEObject jwe) throws JOSEException {
        JWEHeader header = jwe.getHeader();
        if (header.getAlgorithm() == null || !JweKeys.ALLOWED_ALGORITHMS.contains(header.getAlgorithm())) {
            return rejected(DecryptionFailure.UNSUPPORTED_ALGORITHM);
        }
        if (!EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
            return rejected(DecryptionFailure.UNSUPPORTED_ENCRYPTION);
        }
        // RFC 7516 §5.1: direct key agreement has an empty encrypted key; anything there was altered.
        if (JWEAlgorithm.ECDH_ES.equals(header.getAlgorithm()) && jwe.getEncryptedKey() != null
                && !jwe.getEncryptedKey().toString().isEmpty()) {
            return rejected(DecryptionFailure.MALFORMED);
        }
        // Secrets are short; compression only adds a decompression-bomb surface.
        if (header.getCompressionAlgorithm() != null) {
            return rejected(DecryptionFailure.COMPRESSION_NOT_ALLOWED);
        }
        return switch (keys.select(header)) {
            case JweKeys.Selection.None(DecryptionFailure reason) -> rejected(reason);
            case JweKeys.Selection.Found(var decrypter) -> {
                jwe.decrypt(decrypter);
                yield new SecretResolution.Resolved(Secret.of(jwe.getPayload().toString()));
            }
        };
    }

    private static SecretResolution rejected(DecryptionFailure reason) {
        return new SecretResolution.Rejected(SecretResolution.Reason.DECRYPTION_FAILED, reason.message());
    }

    @Override
    public String toString() {
        return "SecretResolver[keys=" + keys + ", allowPlaintext=" + allowPlaintext + "]";
    }
}
