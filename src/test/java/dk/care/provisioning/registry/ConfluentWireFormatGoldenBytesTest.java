package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;

/**
 * The expected bytes are assembled by hand from the Confluent framing and the Avro binary
 * encoding spec, never by Avro itself, so a bug shared by writer and reader cannot hide.
 */
class ConfluentWireFormatGoldenBytesTest {

    /** Every id byte differs, so a little-endian or truncated id cannot pass. */
    private static final int SCHEMA_ID = 0x0A0B0C0D;

    @Test
    void serializerWritesMagicByteBigEndianIdAndAvroBodyExactly() {
        FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, TestSchemas.GREETING_V1);
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry);
        serializer.configure(TestSchemas.config("mock://unused"), false);

        byte[] actual = serializer.serialize("greetings", greeting(150, "hé", "x"));

        assertThat(actual).containsExactly(expectedGreetingBytes());
        assertThat(registry.lastSubject).isEqualTo("greetings-value");
    }

    @Test
    void handBuiltBytesDeserializeToTheExpectedGenericRecord() {
        FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, TestSchemas.GREETING_V1);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(registry);
        deserializer.configure(TestSchemas.config("mock://unused"), false);

        GenericRecord record = (GenericRecord) deserializer.deserialize("greetings", expectedGreetingBytes());

        assertThat(record.getSchema()).isEqualTo(TestSchemas.GREETING_V1);
        assertThat(record.get("id")).isEqualTo(150L);
        assertThat(record.get("text")).hasToString("hé");
        assertThat(record.get("note")).hasToString("x");
    }

    @Test
    void nullUnionBranchIsEncodedAsIndexZeroWithoutValue() {
        FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, TestSchemas.GREETING_V1);
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry);
        serializer.configure(TestSchemas.config("mock://unused"), false);

        byte[] actual = serializer.serialize("greetings", greeting(-3, "", null));

        // id -3 -> zig-zag 5; empty string -> length 0; union index 0 (null) carries no value.
        assertThat(actual).containsExactly(0x00, 0x0A, 0x0B, 0x0C, 0x0D, 0x05, 0x00, 0x00);
    }

    @Test
    void keySerializerUsesTheKeySubjectAndPrimitiveStringSchema() {
        FixedIdRegistry registry = new FixedIdRegistry(7, Schema.create(Schema.Type.STRING));
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry);
        serializer.configure(TestSchemas.config("mock://unused"), true);

        byte[] actual = serializer.serialize("requests", "ab");

        assertThat(actual).containsExactly(0x00, 0x00, 0x00, 0x00, 0x07, 0x04, 'a', 'b');
        assertThat(registry.lastSubject).isEqualTo("requests-key");
    }

    @Test
    void generatedCreateUserRequestMatchesHandEncodedBytesBothWays() {
        FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, CreateUserRequest.getClassSchema());
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry);
        serializer.configure(TestSchemas.config("mock://unused"), false);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(registry);
        deserializer.configure(TestSchemas.config("mock://unused",
                ConfluentAvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        CreateUserRequest request = createUserRequest();

        byte[] expected = expectedCreateUserRequestBytes();

        assertThat(serializer.serialize("user-provisioning.requests.v1", request)).containsExactly(expected);
        Object decoded = deserializer.deserialize("user-provisioning.requests.v1", expected);
        assertThat(decoded).isInstanceOf(CreateUserRequest.class).isEqualTo(request);
        assertThat(((CreateUserRequest) decoded).getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(((CreateUserRequest) decoded).getLogin()).isInstanceOf(StandardLogin.class);
    }

    @Test
    void nullSerializesToNullAndNullDeserializesToNull() {
        FixedIdRegistry registry = new FixedIdRegistry(SCHEMA_ID, TestSchemas.GREETING_V1);
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(registry);

        assertThat(serializer.serialize("greetings", null)).isNull();
        assertThat(deserializer.deserialize("greetings", null)).isNull();
    }

    private static GenericRecord greeting(long id, String text, String note) {
        GenericRecord record = new GenericData.Record(TestSchemas.GREETING_V1);
        record.put("id", id);
        record.put("text", text);
        record.put("note", note);
        return record;
    }

    private static byte[] expectedGreetingBytes() {
        Bytes b = new Bytes();
        b.add(0x00).add(0x0A, 0x0B, 0x0C, 0x0D); // magic byte, id 0x0A0B0C0D big-endian
        b.add(0xAC, 0x02);                       // id 150 -> zig-zag 300 -> varint AC 02
        b.add(0x06).add("hé");                   // "hé" is 3 UTF-8 bytes -> zig-zag 6
        b.add(0x02);                             // union index 1 (string) -> zig-zag 2
        b.add(0x02).add("x");                    // length 1 -> zig-zag 2
        return b.toArray();
    }

    private static CreateUserRequest createUserRequest() {
        return CreateUserRequest.newBuilder()
                .setRequestId("r1")
                .setCorrelationId(null)
                .setSource("hr")
                .setRequestedBy(null)
                .setRequestedAt(Instant.ofEpochMilli(1000))
                .setOrganisationId("o")
                .setDepartmentId("d")
                .setRoleId("x")
                .setUserType(UserType.RELATIVE)
                .setName(null)
                .setEmail("a@b")
                .setPhone(null)
                .setExternalId(null)
                .setLocale(null)
                .setLogin(StandardLogin.newBuilder().setUsername("u").setPassword("p").setMustChangePassword(true).build())
                .build();
    }

    private static byte[] expectedCreateUserRequestBytes() {
        Bytes b = new Bytes();
        b.add(0x00).add(0x0A, 0x0B, 0x0C, 0x0D);
        b.add(0x04).add("r1");        // requestId
        b.add(0x00);                  // correlationId: union index 0 = null
        b.add(0x04).add("hr");        // source
        b.add(0x00);                  // requestedBy: null
        b.add(0xD0, 0x0F);            // requestedAt 1000 ms -> zig-zag 2000 -> varint D0 0F
        b.add(0x02).add("o");         // organisationId
        b.add(0x02).add("d");         // departmentId
        b.add(0x02).add("x");         // roleId
        b.add(0x02);                  // userType RELATIVE: enum index 1 -> zig-zag 2
        b.add(0x00);                  // name: null
        b.add(0x02).add(0x06).add("a@b"); // email: union index 1, length 3
        b.add(0x00).add(0x00).add(0x00);  // phone, externalId, locale: null
        b.add(0x02);                  // login: union index 1 = StandardLogin
        b.add(0x02).add("u");         // username
        b.add(0x02).add("p");         // password
        b.add(0x01);                  // mustChangePassword true
        return b.toArray();
    }

    /** Byte builder that keeps hand-encoding readable. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes add(int... values) {
            for (int value : values) {
                out.write(value);
            }
            return this;
        }

        Bytes add(String utf8) {
            out.writeBytes(utf8.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
