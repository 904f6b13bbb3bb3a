package dk.care.provisioning.registry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka deserializer for Avro in Confluent's wire format; a drop-in for Confluent's
 * {@code KafkaAvroDeserializer}. Returns GenericRecord (or a primitive), or generated
 * SpecificRecord classes with {@code specific.avro.reader=true}. Registry outages surface as
 * {@link TransientSerializationException}; every other failure as a plain SerializationException.
 */
public class ConfluentAvroDeserializer implements Deserializer<Object> {

    private @Nullable SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private boolean specificAvroReader;
    private boolean useLatestVersion;
    private @Nullable LatestVersions latestVersions;

    private record ReaderKey(Schema writer, Schema reader) {
    }

    private record SpecificTarget(Schema schema, SpecificData model) {
    }

    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificTarget> specificTargets = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} creates the client. */
    public ConfluentAvroDeserializer() {
    }

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} still applies the other settings. */
    public ConfluentAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
        this.latestVersions = new LatestVersions(client, -1);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ConfluentAvroSerdeConfig.requireTopicNameStrategy(configs, isKey);
        this.isKey = isKey;
        this.specificAvroReader = ConfluentAvroSerdeConfig.bool(configs, ConfluentAvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        this.useLatestVersion = ConfluentAvroSerdeConfig.bool(configs, ConfluentAvroSerdeConfig.USE_LATEST_VERSION, false);
        if (client == null) {
            client = SchemaRegistryClients.create(configs);
            ownsClient = true;
        }
        latestVersions = new LatestVersions(client,
                ConfluentAvroSerdeConfig.longValue(configs, ConfluentAvroSerdeConfig.LATEST_CACHE_TTL_SEC, -1));
    }

    @Override
    public @Nullable Object deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("ConfluentAvroDeserializer is not configured: call configure() first");
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Cannot deserialize " + data.length + " byte(s) from topic " + topic
                    + ": shorter than the 5-byte Confluent header (magic byte 0 + 4-byte schema id)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte 0x" + String.format("%02x", data[0] & 0xff)
                    + " in record from topic " + topic
                    + ": expected 0x00, so this was not written by a Schema Registry Avro serializer");
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        Schema writer = writerSchema(id, topic);
        DatumReader<Object> reader = readerFor(writer, topic, id);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error deserializing Avro body of " + (data.length - WireFormat.HEADER_SIZE)
                    + " byte(s) with schema id " + id + " (" + writer.getFullName() + ") from topic " + topic
                    + ": truncated or corrupt data (" + e + ")", e);
        }
    }

    private Schema writerSchema(int id, String topic) {
        try {
            return client.getSchemaById(id);
        } catch (SchemaRegistryUnavailableException e) {
            throw new TransientSerializationException("Schema Registry unavailable while fetching schema id " + id
                    + " for a record from topic " + topic + ": " + e.getMessage(), e);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("Unknown schema id " + id + " in record from topic " + topic
                    + ": the registry has no such schema (" + e.getMessage() + ")", e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not fetch schema id " + id + " for a record from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(Schema writer, String topic, int id) {
        if (specificAvroReader && isNamed(writer)) {
            SpecificTarget target = specificTargets.computeIfAbsent(writer, ConfluentAvroDeserializer::specificTarget);
            return readers.computeIfAbsent(new ReaderKey(writer, target.schema()),
                    key -> new SpecificDatumReader<>(key.writer(), key.reader(), target.model()));
        }
        Schema reader = useLatestVersion ? latestSchema(topic, id) : writer;
        return readers.computeIfAbsent(new ReaderKey(writer, reader),
                key -> new GenericDatumReader<>(key.writer(), key.reader(), GenericData.get()));
    }

    private Schema latestSchema(String topic, int id) {
        String subject = WireFormat.subject(topic, isKey);
        try {
            return latestVersions.get(subject).schema();
        } catch (SchemaRegistryUnavailableException e) {
            throw new TransientSerializationException("Schema Registry unavailable while fetching the latest schema of "
                    + subject + ": " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not fetch the latest schema of subject " + subject
                    + " to read schema id " + id + ": " + e.getMessage(), e);
        }
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** The generated class named like the writer schema; its own schema is the reader, its model has its conversions. */
    private static SpecificTarget specificTarget(Schema writer) {
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || type == Object.class) {
            throw new SerializationException("specific.avro.reader is true but no generated class "
                    + writer.getFullName() + " is on the classpath");
        }
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificTarget(model.getSchema(type), model);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
