package dk.care.provisioning.registry;

import org.jspecify.annotations.Nullable;

/** A Schema Registry call failed; {@link #httpStatus()} and {@link #errorCode()} carry Confluent's codes when known. */
public class SchemaRegistryException extends RuntimeException {

    /** Used when the failure did not come from an HTTP response (I/O, parsing, in-memory registry). */
    public static final int NO_CODE = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, @Nullable Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's response, or {@link #NO_CODE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent {@code error_code} (e.g. 40403), or {@link #NO_CODE}. */
    public int errorCode() {
        return errorCode;
    }
}
