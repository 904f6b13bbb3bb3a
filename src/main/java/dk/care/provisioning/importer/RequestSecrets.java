package dk.care.provisioning.importer;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dk.care.provisioning.security.SecretEncryption;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The secrets of each request (password, CPR) encrypted to the worker's public key from a key file
 * before the request leaves the command (docs/design.md §3). Plaintext is sent only when asked for.
 */
final class RequestSecrets {

    private final SecretEncryption encryption;

    private RequestSecrets(SecretEncryption encryption) {
        this.encryption = encryption;
    }

    /** Without the worker's key: plaintext when explicitly allowed (or nothing is sent), else no secrets. */
    static RequestSecrets withoutKey(boolean plaintextAllowed) {
        return new RequestSecrets(SecretEncryption.withoutKey(plaintextAllowed));
    }

    /**
     * Encryption to a public key in {@code keyFile} (a JWK or a JWK set, e.g. the worker's public key
     * set): the key with {@code keyId}, or else the first RSA key, or else the first EC key.
     */
    static RequestSecrets toKeyIn(Path keyFile, String keyId) throws BadInputException {
        try {
            return new RequestSecrets(SecretEncryption.toOneOf(read(keyFile), keyId).orElseThrow(() ->
                    new BadInputException(keyFile.getFileName() + " holds no RSA or EC encryption key"
                            + (keyId == null ? "" : " with kid " + keyId))));
        } catch (IllegalArgumentException weak) {
            throw new BadInputException(keyFile.getFileName() + ": " + weak.getMessage());
        }
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

    boolean sendsSecrets() {
        return encryption.sendsSecrets();
    }

    boolean encrypts() {
        return encryption.encrypts();
    }

    String describe() {
        return encryption.describe();
    }

    /** Replaces the plaintext secrets of the request's login by their JWE. */
    void encrypt(CreateUserRequest request) {
        switch (request.getLogin()) {
            case StandardLogin standard when standard.getPassword() != null ->
                    standard.setPassword(encryption.encrypt(standard.getPassword()));
            case MitIdLogin mitId when mitId.getCpr() != null -> mitId.setCpr(encryption.encrypt(mitId.getCpr()));
            case null, default -> { }
        }
    }
}
