package dk.care.provisioning.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

import org.apache.avro.Schema;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Talks Confluent's REST API over HTTP. Ids and (subject, schema) lookups never change once
 * assigned, so they are cached forever; "latest" and compatibility are always asked afresh.
 */
final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> baseUrls;
    private final BasicAuth auth;
    private final HttpClient http;
    // Sticks to the last URL that answered, so a dead first URL costs one failed connect, not one per call.
    private final AtomicInteger preferredUrl = new AtomicInteger();

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    /** Avro's Schema caches its hashCode, which keeps this key cheap on the serializer's hot path. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    CachedSchemaRegistryClient(List<URI> baseUrls, BasicAuth auth, Optional<SSLContext> tls) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("At least one registry URL is required");
        }
        this.baseUrls = baseUrls.stream().map(CachedSchemaRegistryClient::withoutUserInfo).toList();
        this.auth = auth;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(response, "id");
        remember(key, id);
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(response, "id");
        remember(key, id);
        return id;
    }

    @Override
    public Schema getSchemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parseSchema(response, "schema id " + id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public SchemaMetadata getLatestSchemaMetadata(String subject) {
        JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = requiredInt(response, "id");
        Schema parsed = parseSchema(response, "latest version of subject " + subject);
        // Reuse the cached instance so callers keying caches by schema identity stay warm.
        Schema previous = schemasById.putIfAbsent(id, parsed);
        return new SchemaMetadata(subject, id, requiredInt(response, "version"), previous != null ? previous : parsed);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema));
        JsonNode value = response.get("is_compatible");
        if (value == null || !value.isBoolean()) {
            throw new SchemaRegistryException("Compatibility response lacks is_compatible: " + response,
                    SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE);
        }
        return value.asBoolean();
    }

    @Override
    public void close() {
        http.close();
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, key.schema());
    }

    private static ObjectNode schemaBody(Schema schema) {
        // schemaType is omitted: Confluent treats a missing type as AVRO, and older registries reject the field.
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private JsonNode send(String method, String path, @Nullable JsonNode body) {
        int first = preferredUrl.get();
        SchemaRegistryUnavailableException lastOutage = null;
        for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
            int index = (first + attempt) % baseUrls.size();
            URI base = baseUrls.get(index);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(base, method, path, body), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastOutage = new SchemaRegistryUnavailableException("Schema Registry " + base + " unreachable for "
                        + method + " " + path + ": " + e, SchemaRegistryException.NO_CODE,
                        SchemaRegistryException.NO_CODE, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("Interrupted while calling Schema Registry " + base,
                        SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                preferredUrl.set(index);
                return readJson(response.body(), method, path);
            }
            ErrorBody error = ErrorBody.parse(response.body(), status);
            String message = "Schema Registry " + method + " " + path + " failed: HTTP " + status
                    + (error.code() != SchemaRegistryException.NO_CODE ? ", error_code " + error.code() : "")
                    + ": " + error.message();
            if (status >= 500 || status == 429 || status == 408) {
                lastOutage = new SchemaRegistryUnavailableException(message + " (at " + base + ")", status, error.code(), null);
                continue;
            }
            preferredUrl.set(index);
            throw clientError(status, error.code(), message);
        }
        throw lastOutage;
    }

    private HttpRequest request(URI base, String method, String path, @Nullable JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", ACCEPT);
        if (auth.present()) {
            builder.header("Authorization", auth.headerValue());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return builder.build();
    }

    private static SchemaRegistryException clientError(int status, int errorCode, String message) {
        if (status == 404 && (errorCode == SchemaNotFoundException.SUBJECT_NOT_FOUND
                || errorCode == SchemaNotFoundException.VERSION_NOT_FOUND
                || errorCode == SchemaNotFoundException.SCHEMA_NOT_FOUND)) {
            return new SchemaNotFoundException(message, errorCode);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(message, errorCode);
        }
        // Anything else (401/403, 422, a 404 without a registry error code = wrong URL) is a
        // configuration or request problem that retrying will not fix.
        return new SchemaRegistryException(message, status, errorCode);
    }

    private static JsonNode readJson(byte[] body, String method, String path) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new SchemaRegistryException("Schema Registry " + method + " " + path + " returned invalid JSON: "
                    + e.getOriginalMessage(), SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE, e);
        }
    }

    private static Schema parseSchema(JsonNode response, String what) {
        JsonNode type = response.get("schemaType");
        if (type != null && type.isString() && !"AVRO".equals(type.asString())) {
            throw new SchemaRegistryException("Registry returned a " + type.asString() + " schema for " + what
                    + "; only AVRO is supported", SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE);
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isString()) {
            throw new SchemaRegistryException("Registry response for " + what + " has no schema",
                    SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE);
        }
        try {
            return new Schema.Parser().parse(text.asString());
        } catch (RuntimeException e) {
            // Avro 1.12 reports some invalid schemas (e.g. undefined names) as NullPointerException.
            throw new SchemaRegistryException("Registry returned an unparsable Avro schema for " + what + ": "
                    + e.getMessage(), SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE, e);
        }
    }

    private static int requiredInt(JsonNode response, String field) {
        JsonNode value = response.get(field);
        if (value == null || !value.isInt()) {
            throw new SchemaRegistryException("Registry response lacks integer \"" + field + "\": " + response,
                    SchemaRegistryException.NO_CODE, SchemaRegistryException.NO_CODE);
        }
        return value.asInt();
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Invalid registry URL", e);
        }
    }

    @Override
    public String toString() {
        return "CachedSchemaRegistryClient" + baseUrls;
    }

    /** Confluent's {"error_code": ..., "message": ...}; proxies may send anything else. */
    private record ErrorBody(int code, String message) {

        static ErrorBody parse(byte[] body, int status) {
            try {
                JsonNode json = JSON.readTree(body);
                JsonNode code = json.get("error_code");
                JsonNode message = json.get("message");
                String text = message != null && message.isString() ? message.asString() : json.toString();
                return new ErrorBody(code != null && code.isInt() ? code.asInt() : SchemaRegistryException.NO_CODE,
                        text.isBlank() ? "HTTP " + status : text);
            } catch (JacksonException | IllegalArgumentException e) {
                String text = new String(body, StandardCharsets.UTF_8);
                return new ErrorBody(SchemaRegistryException.NO_CODE,
                        text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(200, text.length())));
            }
        }
    }
}
