package dk.care.provisioning.dev;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dk.care.provisioning.security.JweTestSupport;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;

/**
 * What an HR system does with the worker's public JWK set: encrypt each secret to it, passwords
 * with RSA-OAEP-256 and CPR numbers with ECDH-ES when the set has both kinds of key (to show both),
 * otherwise everything with the key there is. Without keys, secrets stay plaintext.
 */
final class HrSystemEncryption {

    private final Optional<JWK> passwordKey;
    private final Optional<JWK> cprKey;

    private HrSystemEncryption(Optional<JWK> passwordKey, Optional<JWK> cprKey) {
        this.passwordKey = passwordKey;
        this.cprKey = cprKey;
    }

    /** Encryption to the public part of the keys in {@code keySetFile}; the private parts are never used. */
    static HrSystemEncryption toPublicKeysOf(Path keySetFile) {
        JWKSet publicKeys;
        try {
            publicKeys = JWKSet.load(keySetFile.toFile()).toPublicJWKSet();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the JWE key set " + keySetFile, e);
        }
        Optional<JWK> rsa = publicKeys.getKeys().stream().filter(RSAKey.class::isInstance).findFirst();
        Optional<JWK> ec = publicKeys.getKeys().stream().filter(ECKey.class::isInstance).findFirst();
        return new HrSystemEncryption(rsa.or(() -> ec), ec.or(() -> rsa));
    }

    static HrSystemEncryption plaintext() {
        return new HrSystemEncryption(Optional.empty(), Optional.empty());
    }

    String password(String plaintext) {
        return passwordKey.map(key -> JweTestSupport.encrypt(plaintext, key)).orElse(plaintext);
    }

    String cpr(String plaintext) {
        return cprKey.map(key -> JweTestSupport.encrypt(plaintext, key)).orElse(plaintext);
    }

    /** How the demo's secrets travel, for the start-up table. */
    String describe() {
        return passwordKey.isEmpty() ? "plaintext (no JWE key set)"
                : "JWE: passwords " + algorithmOf(passwordKey.get()) + ", CPR " + algorithmOf(cprKey.orElseThrow())
                  + " (A256GCM)";
    }

    private static String algorithmOf(JWK key) {
        return (key instanceof ECKey ? "ECDH-ES" : "RSA-OAEP-256") + " to kid " + key.getKeyID();
    }
}
