package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP registry client speaks TLS, with a private CA and with client certificates, from Confluent's ssl keys. */
class SchemaRegistryTlsTest {

    private static final String SUBJECT = "greetings-value";
    private static final String PASSWORD = "store-secret";

    @TempDir
    static Path dir;

    private static Path serverStore;
    private static Path clientStore;
    private static Path trustStore;

    /** Self-signed server and client certificates made by the JDK's keytool, both in one trust store. */
    @BeforeAll
    static void certificates() throws Exception {
        serverStore = keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        clientStore = keyPair("client", "CN=provisioning-worker", null);
        trustStore = dir.resolve("trust.p12");
        for (String alias : List.of("server", "client")) {
            Path certificate = dir.resolve(alias + ".pem");
            keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                    "-storepass", PASSWORD, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
    }

    @Test
    void talksToAnHttpsRegistryWhoseCertificateIsInTheConfiguredTrustStore() throws Exception {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext(), false).start()) {
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
    void refusesAnHttpsRegistryWhoseCertificateItDoesNotTrust() throws Exception {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext(), false).start()) {
            SchemaRegistryClient client = SchemaRegistryClients.create(TestSchemas.config(server.url()));

            assertThatThrownBy(() -> client.register(SUBJECT, TestSchemas.GREETING_V1))
                    .isInstanceOf(SchemaRegistryException.class);
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void presentsTheConfiguredClientCertificateWhenTheRegistryRequiresOne() throws Exception {
        try (var server = new LocalSchemaRegistryServer().withTls(serverContext(), true).start()) {
            Map<String, Object> withoutCertificate = TestSchemas.config(server.url(),
                    "schema.registry.ssl.truststore.location", trustStore.toString(),
                    "schema.registry.ssl.truststore.password", PASSWORD);
            Map<String, Object> withCertificate = new java.util.HashMap<>(withoutCertificate);
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

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverStore), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Path keyPair(String alias, String name, String extension) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", name, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args.toArray(String[]::new));
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
