package dk.care.provisioning.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * TLS towards the registry from Confluent's keys: {@code schema.registry.ssl.truststore.*} for a
 * private CA, {@code schema.registry.ssl.keystore.*} and {@code schema.registry.ssl.key.password}
 * for client certificates (mutual TLS). Without them the JVM's default trust store applies.
 * Host names are always verified.
 */
final class RegistryTls {

    static final String PREFIX = "schema.registry.ssl.";
    static final String TRUSTSTORE_LOCATION = PREFIX + "truststore.location";
    static final String TRUSTSTORE_PASSWORD = PREFIX + "truststore.password";
    static final String TRUSTSTORE_TYPE = PREFIX + "truststore.type";
    static final String KEYSTORE_LOCATION = PREFIX + "keystore.location";
    static final String KEYSTORE_PASSWORD = PREFIX + "keystore.password";
    static final String KEYSTORE_TYPE = PREFIX + "keystore.type";
    static final String KEY_PASSWORD = PREFIX + "key.password";
    static final String PROTOCOL = PREFIX + "protocol";

    // Confluent's default; the JDK's JKS type also reads PKCS12 files.
    private static final String DEFAULT_STORE_TYPE = "JKS";

    private RegistryTls() {
    }

    /** An SSL context when a trust store or key store is configured; empty means the JVM default. */
    static Optional<SSLContext> fromConfig(Map<String, ?> configs) {
        String truststore = text(configs, TRUSTSTORE_LOCATION);
        String keystore = text(configs, KEYSTORE_LOCATION);
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(TRUSTSTORE_LOCATION, truststore, text(configs, TRUSTSTORE_TYPE),
                        text(configs, TRUSTSTORE_PASSWORD)));
            }
            KeyManagerFactory keys = null;
            if (keystore != null) {
                String storePassword = text(configs, KEYSTORE_PASSWORD);
                String keyPassword = text(configs, KEY_PASSWORD);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(KEYSTORE_LOCATION, keystore, text(configs, KEYSTORE_TYPE), storePassword),
                        chars(keyPassword != null ? keyPassword : storePassword));
            }
            String protocol = text(configs, PROTOCOL);
            SSLContext context = SSLContext.getInstance(protocol != null ? protocol : "TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            // The exception's own message never holds a password; ConfigException would print the value.
            throw new ConfigException("Cannot set up TLS for the schema registry: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String key, String location, @Nullable String type, @Nullable String password)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type != null ? type : DEFAULT_STORE_TYPE);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            // A wrong password surfaces here as an IOException, too.
            throw new ConfigException(key, location, "cannot read the store: " + e.getMessage());
        }
    }

    private static char @Nullable [] chars(@Nullable String password) {
        return password == null ? null : password.toCharArray();
    }

    // Kafka's own config classes hand passwords over as Password, Spring as String.
    private static @Nullable String text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        String text = value instanceof Password password ? password.value() : value == null ? null : value.toString();
        return text == null || text.isBlank() ? null : text.strip();
    }
}
