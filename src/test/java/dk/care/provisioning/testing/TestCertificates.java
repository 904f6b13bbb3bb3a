package dk.care.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made by the JDK's keytool, as PKCS12 stores that all share one password:
 * key pairs for servers and clients, and a trust store holding several of their certificates.
 */
public final class TestCertificates {

    private final Path dir;
    private final String password;

    public TestCertificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    public String password() {
        return password;
    }

    /** A P-256 key pair in {@code <alias>.p12}; {@code subjectAltName} such as {@code dns:localhost}, or null. */
    public Path keyPair(String alias, String distinguishedName, String subjectAltName) {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", distinguishedName, "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
        if (subjectAltName != null) {
            args.addAll(List.of("-ext", "SAN=" + subjectAltName));
        }
        keytool(args);
        return store;
    }

    /** A trust store {@code <name>.p12} with the certificate of each key pair made by {@link #keyPair}. */
    public Path trustStore(String name, String... aliases) {
        Path store = dir.resolve(name + ".p12");
        for (String alias : aliases) {
            Path certificate = dir.resolve(alias + ".pem");
            keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                    "-storepass", password, "-file", certificate.toString()));
            keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password));
        }
        return store;
    }

    /** A server- or client-side TLS context with the key of {@code keyStore}, trusting {@code trustStore}. */
    public SSLContext sslContext(Path keyStore, Path trustStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void keytool(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("keytool %s: %s", args.getFirst(), output).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
