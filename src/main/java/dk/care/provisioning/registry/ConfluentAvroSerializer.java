package dk.care.provisioning.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serializer writing Avro in Confluent's wire format; a drop-in for Confluent's
 * {@code KafkaAvroSerializer} (same config keys, TopicNameStrategy subjects, same bytes).
 */
public class ConfluentAvroSerializer implements Serializer<Object> {

    private @Nullable SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private boolean latestCompatibilityStrict = true;
    private @Nullable LatestVersions latestVersions;

    private record WriterKey(Schema schema, @Nullable Class<?> specificClass) {
    }

    private record SchemaPair(Schema latest, Schema record) {
    }

    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<SchemaPair, Boolean> latestCanRead = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} creates the client. */
    public ConfluentAvroSerializer() {
    }

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} still applies the other settings. */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
        this.latestVersions = new LatestVersions(client, -1);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ConfluentAvroSerdeConfig.requireTopicNameStrategy(configs, isKey);
        this.isKey = isKey;
        this.autoRegister = ConfluentAvroSerdeConfig.bool(configs, ConfluentAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        this.useLatestVersion = ConfluentAvroSerdeConfig.bool(configs, ConfluentAvroSerdeConfig.USE_LATEST_VERSION, false);
        this.latestCompatibilityStrict = ConfluentAvroSerdeConfig.bool(configs,
                ConfluentAvroSerdeConfig.LATEST_COMPATIBILITY_STRICT, true);
        if (client == null) {
            client = SchemaRegistryClients.create(configs);
            ownsClient = true;
        }
        latestVersions = new LatestVersions(client,
                ConfluentAvroSerdeConfig.longValue(configs, ConfluentAvroSerdeConfig.LATEST_CACHE_TTL_SEC, -1));
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Object data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("ConfluentAvroSerializer is not configured: call configure() first");
        }
        Schema schema = AvroSchemas.schemaOf(data);
        String subject = WireFormat.subject(topic, isKey);
        int id;
        Schema writerSchema;
        try {
            if (autoRegister) {
                id = client.register(subject, schema);
                writerSchema = schema;
            } else if (useLatestVersion) {
                SchemaMetadata latest = latestVersions.get(subject);
                if (latestCompatibilityStrict && !latestCanRead(latest.schema(), schema)) {
                    throw new SerializationException("Latest schema (id " + latest.id() + ", version "
                            + latest.version() + ") of subject " + subject
                            + " cannot read the record's schema " + schema.getFullName());
                }
                id = latest.id();
                writerSchema = latest.schema();
            } else {
                id = client.getId(subject, schema);
                writerSchema = schema;
            }
        } catch (SchemaRegistryUnavailableException e) {
            throw new TransientSerializationException("Schema Registry unavailable while resolving the schema of "
                    + schema.getFullName() + " for subject " + subject + ": " + e.getMessage(), e);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject "
                    + subject + " and auto.register.schemas is false: " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not register or look up schema " + schema.getFullName()
                    + " for subject " + subject + ": " + e.getMessage(), e);
        }
        return write(id, writerSchema, data, subject);
    }

    private byte[] write(int id, Schema writerSchema, Object data, String subject) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            out.write(WireFormat.MAGIC_BYTE);
            out.write(id >>> 24);
            out.write(id >>> 16);
            out.write(id >>> 8);
            out.write(id);
            // Direct (unbuffered) encoder: the target is already in memory, so buffering only adds a copy.
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(writerSchema, data).write(AvroSchemas.datumOf(data), encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro message of type " + writerSchema.getFullName()
                    + " with schema id " + id + " for subject " + subject + ": " + e.getMessage(), e);
        }
    }

    private DatumWriter<Object> writerFor(Schema schema, Object data) {
        Class<?> specificClass = data instanceof SpecificRecord ? data.getClass() : null;
        return writers.computeIfAbsent(new WriterKey(schema, specificClass), key -> key.specificClass() != null
                // The generated class's own model carries its logical-type conversions (e.g. Instant).
                ? new SpecificDatumWriter<>(key.schema(), SpecificData.getForClass(key.specificClass()))
                : new GenericDatumWriter<>(key.schema(), GenericData.get()));
    }

    private boolean latestCanRead(Schema latest, Schema record) {
        return latestCanRead.computeIfAbsent(new SchemaPair(latest, record),
                pair -> AvroSchemas.canRead(pair.latest(), pair.record()));
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
