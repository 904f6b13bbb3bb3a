package dk.care.provisioning.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/** Value of the Authorization header, or none. */
record BasicAuth(@Nullable String headerValue) {

    static final BasicAuth NONE = new BasicAuth(null);

    static BasicAuth of(String userInfo) {
        return new BasicAuth("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    static BasicAuth fromConfig(Map<String, ?> configs, List<URI> urls) {
        String source = ConfluentAvroSerdeConfig.string(configs, ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
        if (source == null || source.isBlank()) {
            return NONE;
        }
        return switch (source.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "USER_INFO" -> {
                String userInfo = ConfluentAvroSerdeConfig.string(configs, ConfluentAvroSerdeConfig.BASIC_AUTH_USER_INFO);
                if (userInfo == null) {
                    userInfo = ConfluentAvroSerdeConfig.string(configs,
                            ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
                }
                if (userInfo == null || !userInfo.contains(":")) {
                    throw new ConfigException(ConfluentAvroSerdeConfig.BASIC_AUTH_USER_INFO, "<hidden>",
                            "USER_INFO credentials need basic.auth.user.info=user:password");
                }
                yield of(userInfo);
            }
            case "URL" -> {
                // Percent-decoded so a password with reserved characters can be given in the URL.
                String userInfo = urls.getFirst().getUserInfo();
                if (userInfo == null) {
                    throw new ConfigException(ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source,
                            "URL credentials need user:password@ in schema.registry.url");
                }
                yield of(userInfo);
            }
            default -> throw new ConfigException(ConfluentAvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, source,
                    "Supported: USER_INFO, URL");
        };
    }

    boolean present() {
        return headerValue != null;
    }

    @Override
    public String toString() {
        return present() ? "BasicAuth[***]" : "BasicAuth[none]";
    }
}
