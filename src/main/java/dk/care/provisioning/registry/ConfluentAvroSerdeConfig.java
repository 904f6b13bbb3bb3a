package dk.care.provisioning.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/** Configuration keys of the serde and client; names and defaults match Confluent's so configs can be swapped. */
public final class ConfluentAvroSerdeConfig {

    /** Comma-separated registry URLs (tried in order on outages), or {@code mock://<scope>}. Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Serializer: register the record's schema if needed. Default true. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Serializer: write with the subject's latest schema; deserializer: read into it. Default false. */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Seconds a looked-up latest version is reused; negative means until restart. Default -1. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** Serializer with use.latest.version: require the latest schema to read the record's schema. Default true. */
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    /** Deserializer: return generated SpecificRecord classes instead of GenericRecord. Default false. */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** {@code USER_INFO} (use basic.auth.user.info) or {@code URL} (user info inside the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for basic auth when the source is USER_INFO. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Alias Confluent also accepts for {@link #BASIC_AUTH_USER_INFO}. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    static final String MOCK_URL_PREFIX = "mock://";

    private ConfluentAvroSerdeConfig() {
    }

    static List<String> urls(Map<String, ?> configs) {
        Object value = configs.get(SCHEMA_REGISTRY_URL);
        List<String> urls = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> urls.addAll(split(String.valueOf(item))));
        } else if (value != null) {
            urls.addAll(split(value.toString()));
        }
        if (urls.isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
        }
        return urls;
    }

    /** The URL with its user info (basic auth credentials, when the URL carries them) masked, fit for logs and health details. */
    static String redacted(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@", "$1***@");
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "Expected true or false");
    }

    static long longValue(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "Expected a number");
        }
    }

    static @Nullable String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        return value == null ? null : value.toString();
    }

    /** Only TopicNameStrategy is implemented; refusing others beats silently using a different subject than Confluent would. */
    static void requireTopicNameStrategy(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        Object value = configs.get(key);
        if (value == null) {
            return;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString();
        if (!name.equals("TopicNameStrategy") && !name.endsWith(".TopicNameStrategy")) {
            throw new ConfigException(key, value, "Only TopicNameStrategy is supported");
        }
    }
}
