package dk.care.provisioning.security;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Encrypts CPR numbers for storage (AES-256-GCM, key id kept with the ciphertext for rotation)
 * and computes their HMAC-SHA-256 blind index for the per-organisation uniqueness constraint.
 * Stored form: {@code <kid>:<base64(nonce || ciphertext || tag)>}.
 */
public final class CprProtector {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern CPR = Pattern.compile("\\d{6}-?\\d{4}");
    // Binds a ciphertext to its purpose and key id, so a value cannot be relabelled or reused elsewhere.
    private static final String AAD_PREFIX = "dk.care.provisioning.cpr.v1:";

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecretKeySpec blindIndexKey;
    private final SecureRandom random = new SecureRandom();

    /** Keys are raw 32-byte values; the blind index key must differ from every encryption key. */
    public CprProtector(Map<String, byte[]> encryptionKeys, String activeKeyId, byte[] blindIndexKey) {
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Objects.requireNonNull(blindIndexKey, "blindIndexKey");
        if (encryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one CPR encryption key is required");
        }
        Map<String, SecretKeySpec> checked = new LinkedHashMap<>();
        encryptionKeys.forEach((keyId, key) -> {
            if (!NamedKeys.KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("CPR key id must be 1-64 of A-Z a-z 0-9 . _ -");
            }
            requireKeyLength(key, "CPR encryption key " + keyId);
            if (MessageDigest.isEqual(key, blindIndexKey)) {
                throw new IllegalArgumentException("the CPR blind index key must differ from encryption key " + keyId);
            }
            checked.put(keyId, new SecretKeySpec(key, "AES"));
        });
        if (!checked.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active CPR key id " + activeKeyId + " is not among the configured keys "
                    + checked.keySet());
        }
        requireKeyLength(blindIndexKey, "CPR blind index key");
        this.keys = Map.copyOf(checked);
        this.activeKeyId = activeKeyId;
        this.blindIndexKey = new SecretKeySpec(blindIndexKey, "HmacSHA256");
    }

    /** Same as the main constructor, with keys in standard base64 as they appear in configuration. */
    public static CprProtector fromBase64(Map<String, String> encryptionKeys, String activeKeyId, String blindIndexKey) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        encryptionKeys.forEach((keyId, key) -> decoded.put(keyId, decodeKey(key, "CPR encryption key " + keyId)));
        return new CprProtector(decoded, activeKeyId, decodeKey(blindIndexKey, "CPR blind index key"));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts the CPR's 10 digits (a hyphen is dropped) with the active key and a fresh random nonce. */
    public String encrypt(Secret cpr) {
        byte[] plaintext = canonicalDigits(cpr).getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKeyId));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts a value made by {@link #encrypt} with any configured key, active or retired. */
    public Secret decrypt(String stored) {
        Objects.requireNonNull(stored, "stored");
        String keyId = keyIdOf(stored);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new CprDecryptionException("no CPR key with id " + keyId + " is configured");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(keyId.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new CprDecryptionException("stored CPR is not valid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CprDecryptionException("stored CPR is too short to be AES-GCM output");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId));
            byte[] plaintext = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Secret.of(new String(plaintext, StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            throw new CprDecryptionException("stored CPR failed authentication: wrong key or altered value");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The key id a stored value was encrypted with; not secret. */
    public String keyIdOf(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 1 || !NamedKeys.KEY_ID.matcher(stored.substring(0, colon)).matches()) {
            throw new CprDecryptionException("stored CPR has no key id prefix");
        }
        return stored.substring(0, colon);
    }

    /** Whether a stored value was written with a key other than the active one, so a rotation job should rewrite it. */
    public boolean needsReEncryption(String stored) {
        return !activeKeyId.equals(keyIdOf(stored));
    }

    /**
     * HMAC-SHA-256 of the CPR's 10 digits as 64 lowercase hex characters: equal CPRs give equal
     * indexes, so the database can enforce (organisation_id, cpr_blind_index) uniqueness without
     * decrypting. The organisation is deliberately not mixed in; the constraint pairs them.
     */
    public String blindIndex(Secret cpr) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(blindIndexKey);
            return HexFormat.of().formatHex(mac.doFinal(canonicalDigits(cpr).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    // "DDMMYY-SSSS" and "DDMMYYSSSS" must encrypt and index alike, or the uniqueness check is bypassed.
    private static String canonicalDigits(Secret cpr) {
        Objects.requireNonNull(cpr, "cpr");
        String value = cpr.reveal().strip();
        if (!CPR.matcher(value).matches()) {
            throw new IllegalArgumentException("a CPR must be 10 digits, optionally DDMMYY-SSSS; validate it first");
        }
        return value.replace("-", "");
    }

    private static byte[] aad(String keyId) {
        return (AAD_PREFIX + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireKeyLength(byte[] key, String name) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be " + KEY_BYTES + " bytes (256 bits), not " + key.length);
        }
    }

    private static byte[] decodeKey(String base64, String name) {
        Objects.requireNonNull(base64, name);
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character of the key.
            throw new IllegalArgumentException(name + " is not valid base64");
        }
    }

    @Override
    public String toString() {
        return "CprProtector[activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
