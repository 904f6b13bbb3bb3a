package dk.care.provisioning.security;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The worker's private JWE keys, checked once at start-up so that a bad key file fails fast. */
final class JweKeys {

    static final Set<JWEAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWEAlgorithm.RSA_OAEP_256, JWEAlgorithm.ECDH_ES,
            JWEAlgorithm.ECDH_ES_A128KW, JWEAlgorithm.ECDH_ES_A192KW, JWEAlgorithm.ECDH_ES_A256KW);

    private static final int MIN_RSA_BITS = 2048;
    private static final Set<Curve> ALLOWED_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

    private final List<JWK> keys;

    private JweKeys(List<JWK> keys) {
        this.keys = keys;
    }

    static JweKeys none() {
        return new JweKeys(List.of());
    }

    static JweKeys of(JWKSet keySet) {
        List<JWK> keys = List.copyOf(keySet.getKeys());
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            JWK key = keys.get(i);
            // Position and kid only: the message must never carry key material.
            String where = "JWE key #" + i + (key.getKeyID() == null ? "" : " (kid " + key.getKeyID() + ")");
            if (!key.isPrivate()) {
                throw new IllegalArgumentException(where + " has no private part; the worker needs private keys");
            }
            if (key.getKeyUse() != null && !KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
                throw new IllegalArgumentException(where + " is not an encryption key (use must be enc)");
            }
            if (key.getAlgorithm() != null && !ALLOWED_ALGORITHMS.contains(JWEAlgorithm.parse(key.getAlgorithm().getName()))) {
                throw new IllegalArgumentException(where + " declares an algorithm other than " + allowedNames());
            }
            switch (key) {
                case RSAKey rsa when rsa.size() < MIN_RSA_BITS ->
                        throw new IllegalArgumentException(where + " is shorter than " + MIN_RSA_BITS + " bits");
                case RSAKey rsa -> { }
                case ECKey ec when !ALLOWED_CURVES.contains(ec.getCurve()) ->
                        throw new IllegalArgumentException(where + " is not on P-256, P-384 or P-521");
                case ECKey ec -> { }
                default -> throw new IllegalArgumentException(where + " is neither an RSA nor an EC key");
            }
            if (key.getKeyID() != null && !keyIds.add(key.getKeyID())) {
                throw new IllegalArgumentException(where + " repeats a kid; kids must select exactly one key");
            }
        }
        return new JweKeys(keys);
    }

    static JweKeys load(Path keySetFile) {
        String json;
        try {
            json = Files.readString(keySetFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read JWE key set " + keySetFile + ": " + e.getClass().getSimpleName());
        }
        JWKSet keySet;
        try {
            keySet = JWKSet.parse(json);
        } catch (java.text.ParseException | RuntimeException e) {
            // The parser's message can quote the file, which holds private keys.
            throw new IllegalStateException("JWE key set " + keySetFile + " is not a valid JWK set");
        }
        if (keySet.isEmpty()) {
            throw new IllegalStateException("JWE key set " + keySetFile + " holds no keys");
        }
        return of(keySet);
    }

    List<JWK> keys() {
        return keys;
    }

    int size() {
        return keys.size();
    }

    List<String> keyIds() {
        return keys.stream().map(JWK::getKeyID).filter(Objects::nonNull).toList();
    }

    /** The decrypter for the key the header points at, or the reason there is none. */
    Selection select(JWEHeader header) {
        JWEAlgorithm algorithm = header.getAlgorithm();
        List<JWK> candidates = keys.stream().filter(key -> fits(key, algorithm)).toList();
        String keyId = header.getKeyID();
        if (keyId != null) {
            candidates = candidates.stream().filter(key -> keyId.equals(key.getKeyID())).toList();
            if (candidates.isEmpty()) {
                return new Selection.None(DecryptionFailure.UNKNOWN_KEY_ID);
            }
        } else if (candidates.size() > 1) {
            return new Selection.None(DecryptionFailure.AMBIGUOUS_KEY);
        }
        if (candidates.isEmpty()) {
            return new Selection.None(DecryptionFailure.NO_KEY_FOR_ALGORITHM);
        }
        try {
            return new Selection.Found(decrypterFor(candidates.getFirst()));
        } catch (JOSEException e) {
            return new Selection.None(DecryptionFailure.NO_KEY_FOR_ALGORITHM);
        }
    }

    private static boolean fits(JWK key, JWEAlgorithm algorithm) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
            return false;
        }
        if (JWEAlgorithm.RSA_OAEP_256.equals(algorithm)) {
            return key instanceof RSAKey;
        }
        return JWEAlgorithm.Family.ECDH_ES.contains(algorithm) && key instanceof ECKey;
    }

    // A fresh decrypter per message: nimbus decrypters keep per-call state and are cheap to build.
    private static JWEDecrypter decrypterFor(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSADecrypter(rsa);
            case ECKey ec -> new ECDHDecrypter(ec);
            default -> throw new JOSEException("unsupported key type");
        };
    }

    static String allowedNames() {
        return ALLOWED_ALGORITHMS.stream().map(JWEAlgorithm::getName).sorted().toList().toString();
    }

    sealed interface Selection {
        record Found(JWEDecrypter decrypter) implements Selection {
        }

        record None(DecryptionFailure reason) implements Selection {
        }
    }

    @Override
    public String toString() {
        return "JweKeys[kids=" + keyIds() + ", count=" + keys.size() + "]";
    }
}
