package dk.care.provisioning.security;

/**
 * Why a JWE was refused, as fixed text: messages are built only from these, never from the input
 * or a library exception, so a misplaced plaintext cannot leak through a failure event.
 */
enum DecryptionFailure {
    TOO_LONG("the value is longer than any accepted JWE"),
    MALFORMED("the value is not a well-formed JWE compact serialization"),
    UNSUPPORTED_ALGORITHM("the JWE key management algorithm is not one of " + JweKeys.allowedNames()),
    UNSUPPORTED_ENCRYPTION("the JWE content encryption must be A256GCM"),
    COMPRESSION_NOT_ALLOWED("compressed JWE payloads are not accepted"),
    UNKNOWN_KEY_ID("the JWE key id does not name a key of this worker for that algorithm"),
    AMBIGUOUS_KEY("the JWE has no key id and several keys of this worker fit its algorithm"),
    NO_KEY_FOR_ALGORITHM("this worker has no key for the JWE key management algorithm"),
    DECRYPTION_FAILED("the JWE could not be decrypted with this worker's key");

    private final String message;

    DecryptionFailure(String message) {
        this.message = message;
    }

    String message() {
        return "secret could not be decrypted: " + message;
    }
}
