package dk.care.provisioning.registry;

import org.apache.avro.Schema;

/**
 * Client for a Confluent-compatible Schema Registry (Avro only). Obtain one with
 * {@link SchemaRegistryClients#create(java.util.Map)}. Implementations are thread-safe.
 * <p>
 * Failures are {@link SchemaRegistryException}s: {@link SchemaNotFoundException},
 * {@link IncompatibleSchemaException}, or the transient {@link SchemaRegistryUnavailableException}.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the schema with this global id. */
    Schema getSchemaById(int id);

    /** Returns the newest version registered under {@code subject}. */
    SchemaMetadata getLatestSchemaMetadata(String subject);

    /** True if {@code schema} may be registered as the next version of {@code subject}. */
    boolean testCompatibility(String subject, Schema schema);

    /** Returns the id of {@code schema} if it is already registered under {@code subject}, without registering it. */
    int getId(String subject, Schema schema);

    /** Releases HTTP resources; in-memory registries keep their state. */
    @Override
    default void close() {
    }
}
