package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.UserType;

class MockSchemaRegistryTest {

    private static final String TOPIC = "greetings";

    @Test
    void serializerAndDeserializerInstancesWithTheSameScopeShareOneRegistry() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url), false);

        GenericRecord decoded = (GenericRecord) deserializer.deserialize(TOPIC,
                serializer.serialize(TOPIC, greetingV1(7, "hej")));

        assertThat(decoded.get("id")).isEqualTo(7L);
        assertThat(decoded.get("text")).hasToString("hej");
        assertThat(SchemaRegistryClients.create(TestSchemas.config(url)))
                .isSameAs(SchemaRegistryClients.create(TestSchemas.config(url)));
    }

    @Test
    void differentScopesAreIsolated() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(TestSchemas.uniqueMockUrl()), false);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(TestSchemas.uniqueMockUrl()), false);

        byte[] bytes = serializer.serialize(TOPIC, greetingV1(1, "x"));

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 1");
    }

    @Test
    void droppingAScopeForgetsItsSchemas() {
        String scope = "drop-" + System.nanoTime();
        SchemaRegistryClient before = SchemaRegistryClients.create(TestSchemas.config("mock://" + scope));
        before.register("s", TestSchemas.GREETING_V1);

        SchemaRegistryClients.dropMockScope(scope);

        SchemaRegistryClient after = SchemaRegistryClients.create(TestSchemas.config("mock://" + scope));
        assertThatThrownBy(() -> after.getSchemaById(1)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void idsAreSequentialAndGlobalPerDistinctSchema() {
        SchemaRegistryClient registry = SchemaRegistryClients.create(TestSchemas.config(TestSchemas.uniqueMockUrl()));

        assertThat(registry.register("a-value", TestSchemas.GREETING_V1)).isEqualTo(1);
        assertThat(registry.register("a-value", TestSchemas.GREETING_V1)).isEqualTo(1);
        assertThat(registry.register("a-value", TestSchemas.GREETING_V2)).isEqualTo(2);
        assertThat(registry.register("b-value", TestSchemas.GREETING_V1)).isEqualTo(1);
        assertThat(registry.getId("b-value", TestSchemas.GREETING_V1)).isEqualTo(1);
        assertThat(registry.getSchemaById(2)).isEqualTo(TestSchemas.GREETING_V2);
        assertThat(registry.getLatestSchemaMetadata("a-value"))
                .isEqualTo(new SchemaMetadata("a-value", 2, 2, TestSchemas.GREETING_V2));
    }

    @Test
    void lookupOfUnknownSubjectOrSchemaFailsWithConfluentErrorCodes() {
        SchemaRegistryClient registry = SchemaRegistryClients.create(TestSchemas.config(TestSchemas.uniqueMockUrl()));
        registry.register("a-value", TestSchemas.GREETING_V1);

        assertThatThrownBy(() -> registry.getId("a-value", TestSchemas.GREETING_V2))
                .isInstanceOfSatisfying(SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.getLatestSchemaMetadata("nope"))
                .isInstanceOfSatisfying(SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void backwardCompatibilityAllowsDefaultedFieldsAndRejectsMandatoryOnes() {
        SchemaRegistryClient registry = SchemaRegistryClients.create(TestSchemas.config(TestSchemas.uniqueMockUrl()));
        assertThat(registry.testCompatibility("a-value", TestSchemas.GREETING_INCOMPATIBLE)).isTrue();
        registry.register("a-value", TestSchemas.GREETING_V1);

        assertThat(registry.testCompatibility("a-value", TestSchemas.GREETING_V2)).isTrue();
        assertThat(registry.testCompatibility("a-value", TestSchemas.GREETING_INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", TestSchemas.GREETING_INCOMPATIBLE))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40901);
                    assertThat(e.getMessage()).contains("mandatory");
                });
    }

    @Test
    void genericReaderWithUseLatestVersionReadsV1DataAsV2WithTheDefault() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        byte[] writtenWithV1 = serializer.serialize(TOPIC, greetingV1(3, "gammel"));
        SchemaRegistryClients.create(TestSchemas.config(url)).register(TOPIC + "-value", TestSchemas.GREETING_V2);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url, ConfluentAvroSerdeConfig.USE_LATEST_VERSION, true), false);

        GenericRecord decoded = (GenericRecord) deserializer.deserialize(TOPIC, writtenWithV1);

        assertThat(decoded.getSchema()).isEqualTo(TestSchemas.GREETING_V2);
        assertThat(decoded.get("text")).hasToString("gammel");
        assertThat(decoded.get("language")).hasToString("da");
    }

    @Test
    void genericReaderWithoutUseLatestVersionReturnsTheWriterSchema() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        byte[] writtenWithV1 = serializer.serialize(TOPIC, greetingV1(3, "gammel"));
        SchemaRegistryClients.create(TestSchemas.config(url)).register(TOPIC + "-value", TestSchemas.GREETING_V2);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url), false);

        GenericRecord decoded = (GenericRecord) deserializer.deserialize(TOPIC, writtenWithV1);

        assertThat(decoded.getSchema()).isEqualTo(TestSchemas.GREETING_V1);
    }

    @Test
    void specificReaderReadsOlderWriterSchemaIntoGeneratedClassFillingDefaults() {
        // An older CreateUserRequest without "locale": the generated class (v2) adds it with default null.
        Schema v1 = withoutField(CreateUserRequest.getClassSchema(), "locale");
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        GenericRecord old = new GenericData.Record(v1);
        old.put("requestId", "r-1");
        old.put("source", "hr-sync");
        old.put("requestedAt", 1_700_000_000_000L);
        old.put("organisationId", "org");
        old.put("departmentId", "dep");
        old.put("roleId", "role");
        old.put("userType", new GenericData.EnumSymbol(v1.getField("userType").schema(), "EMPLOYEE"));
        old.put("phone", "+4512345678");
        old.put("login", new GenericData.Record(v1.getField("login").schema().getTypes().getFirst()));
        byte[] bytes = serializer.serialize("user-provisioning.requests.v1", old);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url, ConfluentAvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

        CreateUserRequest decoded = (CreateUserRequest) deserializer.deserialize("user-provisioning.requests.v1", bytes);

        assertThat(decoded.getRequestId()).isEqualTo("r-1");
        assertThat(decoded.getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(decoded.getUserType()).isEqualTo(UserType.EMPLOYEE);
        assertThat(decoded.getPhone()).isEqualTo("+4512345678");
        assertThat(decoded.getLocale()).isNull();
        assertThat(decoded.getLogin()).isInstanceOf(PhoneSelfRegistration.class);
        assertThat(SchemaRegistryClients.create(TestSchemas.config(url))
                .testCompatibility("user-provisioning.requests.v1-value", CreateUserRequest.getClassSchema())).isTrue();
    }

    @Test
    void specificReaderWithoutGeneratedClassFailsClearly() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), false);
        byte[] bytes = serializer.serialize(TOPIC, greetingV1(1, "x"));
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url, ConfluentAvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no generated class dk.care.test.Greeting");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaIsRefusedAndARegisteredOneIsLookedUp() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url, ConfluentAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, greetingV1(1, "x")))
                .isExactlyInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject greetings-value");

        SchemaRegistryClients.create(TestSchemas.config(url)).register("greetings-value", TestSchemas.GREETING_V2);
        int v1 = SchemaRegistryClients.create(TestSchemas.config(url)).register("other", TestSchemas.GREETING_V1);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, greetingV1(1, "x")))
                .isInstanceOf(SerializationException.class);
        SchemaRegistryClients.create(TestSchemas.config(url)).register("greetings-value", TestSchemas.GREETING_V1);
        byte[] bytes = serializer.serialize(TOPIC, greetingV1(1, "x"));
        assertThat(bytes[4]).isEqualTo((byte) v1);
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdAndRefusesRecordsItCannotRead() {
        String url = TestSchemas.uniqueMockUrl();
        SchemaRegistryClient registry = SchemaRegistryClients.create(TestSchemas.config(url));
        registry.register("other", TestSchemas.GREETING_V2);
        int latestId = registry.register("greetings-value", TestSchemas.GREETING_V1);
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url, ConfluentAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                ConfluentAvroSerdeConfig.USE_LATEST_VERSION, true), false);

        byte[] bytes = serializer.serialize(TOPIC, greetingV1(1, "x"));

        assertThat(bytes[4]).isEqualTo((byte) latestId);
        GenericRecord unrelated = new GenericData.Record(SchemaBuilder.record("dk.care.test.Greeting").fields()
                .requiredInt("other").endRecord());
        unrelated.put("other", 1);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, unrelated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot read the record's schema");
    }

    @Test
    void onlyTopicNameStrategyIsAccepted() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        Map<String, Object> config = TestSchemas.config(TestSchemas.uniqueMockUrl(),
                ConfluentAvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> serializer.configure(config, false)).isInstanceOf(ConfigException.class);
        serializer.configure(TestSchemas.config(TestSchemas.uniqueMockUrl(),
                ConfluentAvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.TopicNameStrategy"), false);
    }

    @Test
    void missingRegistryUrlIsAConfigError() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void invalidRegistryUrlIsAConfigErrorThatHidesCredentials() {
        Map<String, Object> config = TestSchemas.config("ftp://user:secret@registry:8081");

        assertThatThrownBy(() -> SchemaRegistryClients.create(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("***@registry")
                .hasMessageNotContaining("secret");
    }

    @Test
    void primitivesRoundTrip() {
        String url = TestSchemas.uniqueMockUrl();
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(url), true);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(url), true);

        assertThat(deserializer.deserialize("t", serializer.serialize("t", 42L))).isEqualTo(42L);
        assertThat(deserializer.deserialize("t2", serializer.serialize("t2", "key"))).hasToString("key");
        assertThat(deserializer.deserialize("t3", serializer.serialize("t3", new byte[] {1, 2})))
                .isEqualTo(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
    }

    private static GenericRecord greetingV1(long id, String text) {
        GenericRecord record = new GenericData.Record(TestSchemas.GREETING_V1);
        record.put("id", id);
        record.put("text", text);
        return record;
    }

    private static Schema withoutField(Schema schema, String fieldName) {
        // Rebuilt from JSON so the copy is an independent schema with the same full name.
        String json = schema.toString();
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) mapper.readTree(json);
        tools.jackson.databind.node.ArrayNode fields = (tools.jackson.databind.node.ArrayNode) root.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asString().equals(fieldName)) {
                fields.remove(i);
                break;
            }
        }
        return TestSchemas.parse(root.toString());
    }
}
