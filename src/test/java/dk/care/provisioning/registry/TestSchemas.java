package dk.care.provisioning.registry;

import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;

/** Small schemas and config helpers shared by the registry tests. */
final class TestSchemas {

    static final Schema GREETING_V1 = parse("""
            {"type":"record","name":"Greeting","namespace":"dk.care.test","fields":[
              {"name":"id","type":"long"},
              {"name":"text","type":"string"},
              {"name":"note","type":["null","string"],"default":null}]}
            """);

    /** V1 plus a field with a default: BACKWARD compatible. */
    static final Schema GREETING_V2 = parse("""
            {"type":"record","name":"Greeting","namespace":"dk.care.test","fields":[
              {"name":"id","type":"long"},
              {"name":"text","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"language","type":"string","default":"da"}]}
            """);

    /** V1 plus a field without a default: new readers cannot read old data, so not BACKWARD compatible. */
    static final Schema GREETING_INCOMPATIBLE = parse("""
            {"type":"record","name":"Greeting","namespace":"dk.care.test","fields":[
              {"name":"id","type":"long"},
              {"name":"text","type":"string"},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"mandatory","type":"int"}]}
            """);

    private TestSchemas() {
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    static String uniqueMockUrl() {
        return "mock://" + UUID.randomUUID();
    }

    static Map<String, Object> config(String url, Object... keyValues) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }
}
