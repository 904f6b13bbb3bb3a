package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The HTTP registry client speaks TLS, with a private CA and with client certificates, from Confluent's ssl keys. */
// Nothing shared with other classes (own servers on free ports): runs beside them (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class SchemaRegistryTlsTest {

    private static final String SUBJECT = "greetings-value";
    private static final String PASSWORD = "store-secret";

    @TempDir
    static Path dir;

    private static Path clientStore;
    private static Path trustStore;
    private static SSLContext serverContext;

    /** Self-signed server and client certificates, both in one trust store used by either side. */
    @BeforeAll
    static void certificates() {
        var certificates = new TestCertificates(dir, PASSWORD);
        Path serverStore = certificates.keyPair("server", "CN=localhost", "dns:localhost,ip:127.0.0.1");
        clientStore = certificates.keyPair("client", "CN=provisioning-worker", null);
        trustStore = certificates.trustStore("trust", "server", "client");
        serverContext = certificates.sslContext(serverStore, trustStore);
    }

    @Test
    void talksToAnHttpsRegistryWhoseCertificateIsInTheConfiguredTrustStore() {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext, false).start()) {
            SchemaRegistryClient client = SchemaRegistryClients.create(TestSchemas.config(server.url(),
                    "schema.registry.ssl.truststore.location", trustStore.toString(),
                    "schema.registry.ssl.truststore.password", PASSWORD,
                    "schema.registry.ssl.truststore.type", "PKCS12"));

            int id = client.register(SUBJECT, TestSchemas.GREETING_V1);

            assertThat(server.url()).startsWith("https://");
            assertThat(client.getSchemaById(id)).isEqualTo(TestSchemas.GREETING_V1);
        }
    }

    @Test
    void refusesAnHttpsRegistryWhoseCertificateItDoesNotTrust() {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext, false).start()) {
            SchemaRegistryClient client = SchemaRegistryClients.create(TestSchemas.config(server.url()));

            assertThatThrownBy(() -> client.register(SUBJECT, TestSchemas.GREETING_V1))
                    .isInstanceOf(SchemaRegistryException.class);
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void presentsTheConfiguredClientCertificateWhenTheRegistryRequiresOne() {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext, true).start()) {
            Map<String, Object> withoutCertificate = TestSchemas.config(server.url(),
                    "schema.registry.ssl.truststore.location", trustStore.toString(),
                    "schema.registry.ssl.truststore.password", PASSWORD);
            Map<String, Object> withCertificate = new HashMap<>(withoutCertificate);
            withCertificate.putAll(Map.of(
                    "schema.registry.ssl.keystore.location", clientStore.toString(),
                    "schema.registry.ssl.keystore.password", PASSWORD,
                    "schema.registry.ssl.keystore.type", "PKCS12",
                    "schema.registry.ssl.key.password", PASSWORD));

            assertThatThrownBy(() -> SchemaRegistryClients.create(withoutCertificate).register(SUBJECT, TestSchemas.GREETING_V1))
                    .isInstanceOf(SchemaRegistryException.class);
            assertThat(SchemaRegistryClients.create(withCertificate).register(SUBJECT, TestSchemas.GREETING_V1)).isPositive();
        }
    }

    @Test
    void failsConfigurationOnAWrongTrustStorePasswordWithoutPrintingIt() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(TestSchemas.config("https://127.0.0.1:1",
                "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", "wrong-password-value")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageNotContaining("wrong-password-value");
    }
}
