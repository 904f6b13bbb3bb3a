package dk.care.provisioning.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary of generated records, without the registry header: the outbox stores events
 * before a schema id is needed, so a registry outage delays publishing but never a business commit.
 */
final class AvroPayloads {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private AvroPayloads() {
    }

    static byte[] encode(SpecificRecord record) {
        var out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static SpecificRecord decode(String type, byte[] payload) {
        Schema schema = schemaOf(type);
        try {
            return new SpecificDatumReader<SpecificRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload rewritten with each named top-level field emptied: null where the field's schema
     * allows it, else the empty string (only string fields are expected by name here).
     */
    static byte[] without(String type, byte[] payload, Set<String> fields) {
        Schema schema = schemaOf(type);
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(payload, null));
            for (Schema.Field field : schema.getFields()) {
                if (fields.contains(field.name())) {
                    record.put(field.pos(), field.schema().isNullable() ? null : "");
                }
            }
            var out = new ByteArrayOutputStream(payload.length);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schemaOf(String type) {
        return SCHEMAS.computeIfAbsent(type, name -> {
            try {
                return SpecificData.get().getSchema(Class.forName(name, true, AvroPayloads.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("No generated Avro class for outbox event type " + name, e);
            }
        });
    }
}
