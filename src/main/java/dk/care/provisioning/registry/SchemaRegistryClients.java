package dk.care.provisioning.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/** Creates {@link SchemaRegistryClient}s from Confluent-style configuration. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /**
     * Builds a client from {@code schema.registry.url} plus optional {@code basic.auth.*} and
     * {@code schema.registry.ssl.*} keys.
     * {@code mock://<scope>} returns the JVM-wide in-memory registry of that scope.
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        List<String> urls = ConfluentAvroSerdeConfig.urls(configs);
        String first = urls.getFirst();
        if (first.startsWith(ConfluentAvroSerdeConfig.MOCK_URL_PREFIX)) {
            if (urls.size() > 1) {
                throw new ConfigException(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, String.join(",", urls),
                        "Only one mock:// URL may be given");
            }
            return InMemorySchemaRegistry.forScope(first.substring(ConfluentAvroSerdeConfig.MOCK_URL_PREFIX.length()));
        }
        List<URI> uris = urls.stream().map(SchemaRegistryClients::parse).toList();
        return new CachedSchemaRegistryClient(uris, BasicAuth.fromConfig(configs, uris), RegistryTls.fromConfig(configs));
    }

    /** Forgets the in-memory registry of {@code mock://<scope>}, e.g. between tests. */
    public static void dropMockScope(String scope) {
        InMemorySchemaRegistry.dropScope(scope);
    }

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be http, https or mock");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // ConfigException prints the value; URL credentials must not reach the logs.
            throw new ConfigException(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, ConfluentAvroSerdeConfig.redacted(url),
                    e.getMessage());
        }
    }
}
