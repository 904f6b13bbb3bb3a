package dk.care.provisioning.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Serde failure caused by a registry outage rather than by the record: retry instead of
 * dead-lettering. The cause is a {@link SchemaRegistryUnavailableException}.
 */
public class TransientSerializationException extends SerializationException {

    public TransientSerializationException(String message, SchemaRegistryUnavailableException cause) {
        super(message, cause);
    }
}
