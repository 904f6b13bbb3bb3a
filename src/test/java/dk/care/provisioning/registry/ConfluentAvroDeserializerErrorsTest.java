package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Random;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroDeserializerErrorsTest {

    private static final String TOPIC = "greetings";

    private ConfluentAvroDeserializer deserializer;
    private byte[] valid;

    @BeforeEach
    void setUp() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        GenericRecord record = new GenericData.Record(TestSchemas.GREETING_V1);
        record.put("id", 1L);
        record.put("text", "a fairly long text so that truncation lands inside a string");
        record.put("note", "note");
        valid = serializer.serialize(TOPIC, record);
        deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url), false);
    }

    @Test
    void validBytesDeserialize() {
        assertThat(deserializer.deserialize(TOPIC, valid)).isInstanceOf(GenericRecord.class);
    }

    @Test
    void fewerThanFiveBytesIsRejectedAsTooShort() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("3 byte(s)")
                .hasMessageContaining("shorter than the 5-byte Confluent header");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte");
    }

    @Test
    void wrongMagicByteIsRejectedNamingTheByte() {
        byte[] bytes = valid.clone();
        bytes[0] = 1;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void plainJsonIsRejectedByTheMagicByteCheck() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"id\":1}".getBytes()))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b");
    }

    @Test
    void unknownSchemaIdIsRejectedNamingTheId() {
        byte[] bytes = valid.clone();
        bytes[1] = 0;
        bytes[2] = 0;
        bytes[3] = 0x03;
        bytes[4] = (byte) 0xE7;

        Throwable thrown = catchThrowable(() -> deserializer.deserialize(TOPIC, bytes));

        assertThat(thrown).isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 999")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
        assertThat(SchemaRegistryUnavailableException.isTransient(thrown)).isFalse();
    }

    @Test
    void truncatedBodyIsRejectedAsTruncatedOrCorrupt() {
        byte[] truncated = Arrays.copyOf(valid, valid.length - 10);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void headerWithoutBodyIsRejectedAsTruncated() {
        byte[] headerOnly = Arrays.copyOf(valid, 5);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, headerOnly))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void corruptStringLengthIsRejectedAsCorrupt() {
        byte[] corrupt = valid.clone();
        corrupt[6] = 0x03; // the text's length varint becomes -2: a negative length

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, corrupt))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void randomBytesAlwaysFailWithSerializationExceptionAndNeverAnythingElse() {
        Random random = new Random(20240601);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);

            Throwable thrown = catchThrowable(() -> deserializer.deserialize(TOPIC, noise));

            assertThat(thrown).as("random input %s", Arrays.toString(noise))
                    .isExactlyInstanceOf(SerializationException.class);
            assertThat(thrown.getMessage()).isNotBlank();
        }
    }
}
