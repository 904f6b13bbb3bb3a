package dk.care.provisioning.registry;

import org.jspecify.annotations.Nullable;

/** The registry could not be reached or answered 5xx/429: transient, worth retrying later. */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, int httpStatus, int errorCode, @Nullable Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }

    /**
     * True if {@code failure} or any of its causes is a registry outage. Frameworks wrap serde
     * exceptions (e.g. Spring Kafka's DeserializationException), so callers must walk the chain.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException || t instanceof TransientSerializationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
