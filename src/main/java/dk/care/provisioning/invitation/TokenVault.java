package dk.care.provisioning.invitation;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Invitation tokens: 32 random bytes in base64url, their SHA-256 for look-ups, and the token held
 * until its SMS is sent as a JWE (direct AES-256-GCM) whose protected header names the key id and
 * the invitation, so a ciphertext copied to another row does not decrypt.
 */
final class TokenVault {

    private static final int TOKEN_BYTES = 32;
    private static final int KEY_BYTES = 32;
    private static final String INVITATION_HEADER = "iid";

    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    TokenVault(Map<String, String> base64Keys, String activeKeyId) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        base64Keys.forEach((keyId, key) -> decoded.put(keyId, decode(keyId, key)));
        if (!decoded.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active invitation token key id " + activeKeyId
                    + " is not among the configured keys " + decoded.keySet());
        }
        this.keys = Map.copyOf(decoded);
        this.activeKeyId = activeKeyId;
    }

    String newToken() {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    String encrypt(UUID invitationId, String token) {
        var header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(activeKeyId)
                .customParam(INVITATION_HEADER, invitationId.toString())
                .build();
        var jwe = new JWEObject(header, new Payload(token));
        try {
            jwe.encrypt(new DirectEncrypter(keys.get(activeKeyId)));
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
        return jwe.serialize();
    }

    /** The token sealed by {@link #encrypt} for this invitation; fails for any other row's ciphertext. */
    String decrypt(UUID invitationId, String ciphertext) {
        try {
            JWEObject jwe = JWEObject.parse(ciphertext);
            byte[] key = keys.get(jwe.getHeader().getKeyID());
            if (key == null) {
                throw new IllegalStateException("no invitation token key with id " + jwe.getHeader().getKeyID());
            }
            if (!invitationId.toString().equals(jwe.getHeader().getCustomParam(INVITATION_HEADER))) {
                throw new IllegalStateException("token ciphertext belongs to another invitation");
            }
            jwe.decrypt(new DirectDecrypter(key));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("token ciphertext of invitation " + invitationId + " cannot be decrypted", e);
        }
    }

    private static byte[] decode(String keyId, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invitation token key " + keyId + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("invitation token key " + keyId + " must be 32 bytes, not " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "TokenVault[activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
