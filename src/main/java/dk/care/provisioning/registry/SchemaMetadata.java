package dk.care.provisioning.registry;

import org.apache.avro.Schema;

/** One registered version of a subject: global schema id, version within the subject, and the schema. */
public record SchemaMetadata(String subject, int id, int version, Schema schema) {
}
