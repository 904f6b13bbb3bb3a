package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientHttpTest {

    private static final String SUBJECT = "greetings-value";

    private LocalSchemaRegistryServer server;

    @BeforeEach
    void startServer() {
        server = new LocalSchemaRegistryServer().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void registersLooksUpFetchesLatestAndChecksCompatibility() {
        SchemaRegistryClient client = client(TestSchemas.config(server.url()));

        int v1 = client.register(SUBJECT, TestSchemas.GREETING_V1);
        int v2 = client.register(SUBJECT, TestSchemas.GREETING_V2);

        assertThat(v1).isEqualTo(1);
        assertThat(v2).isEqualTo(2);
        assertThat(client(TestSchemas.config(server.url())).getId(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(v1);
        assertThat(client(TestSchemas.config(server.url())).getSchemaById(v2)).isEqualTo(TestSchemas.GREETING_V2);
        assertThat(client.getLatestSchemaMetadata(SUBJECT))
                .isEqualTo(new SchemaMetadata(SUBJECT, v2, 2, TestSchemas.GREETING_V2));
        assertThat(client.testCompatibility(SUBJECT, TestSchemas.GREETING_V1)).isTrue();
        assertThat(client.testCompatibility(SUBJECT, TestSchemas.GREETING_INCOMPATIBLE)).isFalse();
        assertThat(client.testCompatibility("no-such-subject", TestSchemas.GREETING_INCOMPATIBLE)).isTrue();
    }

    @Test
    void registryErrorsBecomeSpecificExceptionsWithConfluentCodes() {
        SchemaRegistryClient client = client(TestSchemas.config(server.url()));
        client.register(SUBJECT, TestSchemas.GREETING_V1);

        assertThatThrownBy(() -> client.getSchemaById(999))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("/schemas/ids/999").contains("Schema 999 not found");
                });
        assertThatThrownBy(() -> client.getId(SUBJECT, TestSchemas.GREETING_V2))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.getLatestSchemaMetadata("unknown-value"))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> client.register(SUBJECT, TestSchemas.GREETING_INCOMPATIBLE))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.errorCode()).isEqualTo(40901));
    }

    @Test
    void subjectsWithReservedCharactersArePathEncoded() {
        SchemaRegistryClient client = client(TestSchemas.config(server.url()));
        String subject = "odd name/with+chars?-value";

        int id = client.register(subject, TestSchemas.GREETING_V1);

        assertThat(client.getLatestSchemaMetadata(subject).subject()).isEqualTo(subject);
        assertThat(client.getLatestSchemaMetadata(subject).id()).isEqualTo(id);
    }

    @Test
    void repeatedCallsAreServedFromTheCacheWithoutHittingTheServer() {
        SchemaRegistryClient client = client(TestSchemas.config(server.url()));
        int id = client.register(SUBJECT, TestSchemas.GREETING_V1);
        long afterRegister = server.requestCount();

        assertThat(client.register(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(id);
        assertThat(client.getId(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(id);
        assertThat(client.getSchemaById(id)).isEqualTo(TestSchemas.GREETING_V1);
        assertThat(server.requestCount()).isEqualTo(afterRegister);

        SchemaRegistryClient reader = client(TestSchemas.config(server.url()));
        reader.getSchemaById(id);
        reader.getSchemaById(id);
        assertThat(server.requestCount()).isEqualTo(afterRegister + 1);
    }

    @Test
    void serdeOverHttpCostsOneRegistryCallPerSchemaNotPerRecord() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(server.url()), false);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(server.url()), false);

        for (int i = 0; i < 50; i++) {
            GenericRecord decoded = (GenericRecord) deserializer.deserialize("greetings",
                    serializer.serialize("greetings", greeting(i)));
            assertThat(decoded.get("id")).isEqualTo((long) i);
        }

        assertThat(server.requestCount()).isEqualTo(2);
        serializer.close();
        deserializer.close();
    }

    @Test
    void basicAuthWithUserInfoIsAccepted() {
        server.close();
        server = new LocalSchemaRegistryServer().withBasicAuth("svc", "s3cr:et").start();
        Map<String, Object> config = TestSchemas.config(server.url(),
                ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                ConfluentAvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc:s3cr:et");

        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(config, false);
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(config, false);

        assertThat(((GenericRecord) deserializer.deserialize("greetings", serializer.serialize("greetings", greeting(5))))
                .get("id")).isEqualTo(5L);
    }

    @Test
    void basicAuthCredentialsCanComeFromTheUrl() {
        server.close();
        server = new LocalSchemaRegistryServer().withBasicAuth("svc", "pw").start();
        String url = server.url().replace("http://", "http://svc:pw@");
        SchemaRegistryClient client = client(TestSchemas.config(url,
                ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

        assertThat(client.register(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(1);
    }

    @Test
    void wrongOrMissingCredentialsAreRejectedAsNonTransient() {
        server.close();
        server = new LocalSchemaRegistryServer().withBasicAuth("svc", "right").start();
        SchemaRegistryClient wrong = client(TestSchemas.config(server.url(),
                ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                ConfluentAvroSerdeConfig.BASIC_AUTH_USER_INFO, "svc:wrong"));
        SchemaRegistryClient anonymous = client(TestSchemas.config(server.url()));

        for (SchemaRegistryClient client : new SchemaRegistryClient[] {wrong, anonymous}) {
            Throwable thrown = catchThrowable(() -> client.register(SUBJECT, TestSchemas.GREETING_V1));
            assertThat(thrown).isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("wrong");
            assertThat(((SchemaRegistryException) thrown).httpStatus()).isEqualTo(401);
            assertThat(SchemaRegistryUnavailableException.isTransient(thrown)).isFalse();
        }
    }

    @Test
    void unreachableRegistryIsTransientForClientSerializerAndDeserializer() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();
        SchemaRegistryClient client = client(TestSchemas.config(deadUrl));

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable");

        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(TestSchemas.config(deadUrl), false);
        Throwable onSerialize = catchThrowable(() -> serializer.serialize("greetings", greeting(1)));
        assertThat(onSerialize).isInstanceOf(TransientSerializationException.class)
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(SchemaRegistryUnavailableException.class);

        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(TestSchemas.config(deadUrl), false);
        Throwable onDeserialize = catchThrowable(() -> deserializer.deserialize("greetings", new byte[] {0, 0, 0, 0, 1, 2}));
        assertThat(onDeserialize).isInstanceOf(TransientSerializationException.class)
                .hasMessageContaining("Schema Registry unavailable while fetching schema id 1");
        assertThat(SchemaRegistryUnavailableException.isTransient(new RuntimeException("wrapped", onDeserialize))).isTrue();
    }

    @Test
    void serverErrorsAreTransientAndCarryTheStatus() {
        SchemaRegistryClient client = client(TestSchemas.config(server.url()));
        server.simulateOutage(true);

        assertThatThrownBy(() -> client.getSchemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50001);
                });

        server.simulateOutage(false);
        assertThatThrownBy(() -> client.getSchemaById(1)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void failsOverToTheNextUrlWhenTheFirstIsDown() throws IOException {
        String urls = "http://127.0.0.1:" + freePort() + "," + server.url();
        SchemaRegistryClient client = client(TestSchemas.config(urls));

        assertThat(client.register(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(1);
        assertThat(client.getLatestSchemaMetadata(SUBJECT).version()).isEqualTo(1);
    }

    @Test
    void failsOverAwayFromARegistryAnswering5xx() {
        try (LocalSchemaRegistryServer broken = new LocalSchemaRegistryServer().start()) {
            broken.simulateOutage(true);
            SchemaRegistryClient client = client(TestSchemas.config(broken.url() + "," + server.url()));

            assertThat(client.register(SUBJECT, TestSchemas.GREETING_V1)).isEqualTo(1);
            long brokenCalls = broken.requestCount();
            client.getLatestSchemaMetadata(SUBJECT);
            assertThat(broken.requestCount()).as("sticks to the healthy registry").isEqualTo(brokenCalls);
        }
    }

    @Test
    void serverSharingAMockScopeSeesSchemasRegisteredThroughMockClients() {
        String scope = "shared-" + System.nanoTime();
        try (LocalSchemaRegistryServer shared = LocalSchemaRegistryServer.forMockScope("127.0.0.1", 0, scope).start()) {
            int id = SchemaRegistryClients.create(TestSchemas.config("mock://" + scope))
                    .register(SUBJECT, TestSchemas.GREETING_V1);

            assertThat(client(TestSchemas.config(shared.url())).getSchemaById(id)).isEqualTo(TestSchemas.GREETING_V1);
        } finally {
            SchemaRegistryClients.dropMockScope(scope);
        }
    }

    private static SchemaRegistryClient client(Map<String, Object> config) {
        SchemaRegistryClient client = SchemaRegistryClients.create(config);
        assertThat(client).isInstanceOf(CachedSchemaRegistryClient.class);
        return client;
    }

    private static GenericRecord greeting(long id) {
        GenericRecord record = new GenericData.Record(TestSchemas.GREETING_V1);
        record.put("id", id);
        record.put("text", "t" + id);
        return record;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
