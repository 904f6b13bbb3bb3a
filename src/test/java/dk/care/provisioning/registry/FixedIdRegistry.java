package dk.care.provisioning.registry;

import org.apache.avro.Schema;

/** Registry stub answering one chosen id, so tests can pin ids whose bytes all differ. */
final class FixedIdRegistry implements SchemaRegistryClient {

    private final int id;
    private final Schema schema;
    String lastSubject;

    FixedIdRegistry(int id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    @Override
    public int register(String subject, Schema schema) {
        lastSubject = subject;
        return id;
    }

    @Override
    public Schema getSchemaById(int requested) {
        if (requested != id) {
            throw new SchemaNotFoundException("Schema " + requested + " not found", SchemaNotFoundException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public SchemaMetadata getLatestSchemaMetadata(String subject) {
        return new SchemaMetadata(subject, id, 1, schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema candidate) {
        return true;
    }

    @Override
    public int getId(String subject, Schema candidate) {
        lastSubject = subject;
        return id;
    }
}
