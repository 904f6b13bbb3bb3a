package dk.care.provisioning.registry;

import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** Maps Java values to the Avro schemas Confluent's serializer would register for them. */
final class AvroSchemas {

    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private AvroSchemas() {
    }

    static Schema schemaOf(Object value) {
        return switch (value) {
            case GenericContainer container -> container.getSchema();
            case CharSequence ignored -> STRING;
            case Integer ignored -> INT;
            case Long ignored -> LONG;
            case Boolean ignored -> BOOLEAN;
            case Double ignored -> DOUBLE;
            case Float ignored -> FLOAT;
            case byte[] ignored -> BYTES;
            case ByteBuffer ignored -> BYTES;
            default -> throw new SerializationException("Cannot serialize " + value.getClass().getName()
                    + " as Avro: expected a GenericRecord, SpecificRecord, enum/fixed container, or a primitive"
                    + " (String, Integer, Long, Boolean, Float, Double, byte[])");
        };
    }

    /** Avro's DatumWriter only accepts ByteBuffer for bytes. */
    static Object datumOf(Object value) {
        return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    }

    static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
