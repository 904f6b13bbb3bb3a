package dk.care.provisioning.security;

/** A stored CPR cannot be decrypted: unknown key id, corrupt or altered value. Never carries the value. */
public final class CprDecryptionException extends RuntimeException {

    CprDecryptionException(String message) {
        super(message);
    }
}
