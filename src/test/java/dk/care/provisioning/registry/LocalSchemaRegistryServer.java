package dk.care.provisioning.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import org.apache.avro.Schema;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Minimal Confluent-compatible Schema Registry over HTTP for local runs and tests (Avro only,
 * BACKWARD compatibility, no deletes). Run {@code main [host] [port]} to use it standalone.
 */
public final class LocalSchemaRegistryServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String host;
    private final int requestedPort;
    private final InMemorySchemaRegistry store;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String expectedAuthorization;
    private volatile boolean simulateOutage;
    private SSLContext tls;
    private boolean needClientAuth;
    private HttpServer server;
    private ExecutorService executor;

    /** Loopback, random free port, fresh registry. */
    public LocalSchemaRegistryServer() {
        this("127.0.0.1", 0);
    }

    /** Port 0 picks a free port; see {@link #url()} after {@link #start()}. */
    public LocalSchemaRegistryServer(String host, int port) {
        this(host, port, new InMemorySchemaRegistry());
    }

    private LocalSchemaRegistryServer(String host, int port, InMemorySchemaRegistry store) {
        this.host = host;
        this.requestedPort = port;
        this.store = store;
    }

    /** Serves the registry of {@code mock://<scope>}, so in-JVM mock clients and HTTP clients share state. */
    public static LocalSchemaRegistryServer forMockScope(String host, int port, String scope) {
        return new LocalSchemaRegistryServer(host, port, InMemorySchemaRegistry.forScope(scope));
    }

    /** Requires HTTP basic auth with these credentials (answers 401 otherwise). */
    public LocalSchemaRegistryServer withBasicAuth(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Serves HTTPS with this context's key, requiring a client certificate it trusts if {@code needClientAuth}. */
    public LocalSchemaRegistryServer withTls(SSLContext context, boolean needClientAuth) {
        this.tls = context;
        this.needClientAuth = needClientAuth;
        return this;
    }

    public synchronized LocalSchemaRegistryServer start() {
        if (server != null) {
            return this;
        }
        try {
            var address = new InetSocketAddress(host, requestedPort);
            if (tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters parameters) {
                        SSLParameters ssl = tls.getDefaultSSLParameters();
                        ssl.setNeedClientAuth(needClientAuth);
                        parameters.setSSLParameters(ssl);
                    }
                });
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind schema registry to " + host + ":" + requestedPort, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Base URL for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:38211}. */
    public String url() {
        String printableHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls == null ? "http://" : "https://") + printableHost + ":" + port();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("Server not started");
        }
        return server.getAddress().getPort();
    }

    /** Requests received so far, including rejected ones; lets tests prove client-side caching. */
    public long requestCount() {
        return requests.size();
    }

    /** Every request received so far as {@code METHOD /path?query}, in order; lets tests compare clients' REST calls. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** While true, every request gets HTTP 503 with error_code 50001, as a failing registry would send. */
    public void simulateOutage(boolean outage) {
        this.simulateOutage = outage;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        try (exchange) {
            try {
                if (simulateOutage) {
                    throw new HttpError(503, 50001, "Error in the backend data store (simulated outage)");
                }
                authorize(exchange);
                respond(exchange, 200, route(exchange));
            } catch (HttpError e) {
                ObjectNode body = JSON.createObjectNode();
                body.put("error_code", e.errorCode);
                body.put("message", e.getMessage());
                respond(exchange, e.status, body);
            } catch (SchemaRegistryException e) {
                int status = e.httpStatus() > 0 ? e.httpStatus() : 500;
                ObjectNode body = JSON.createObjectNode();
                body.put("error_code", e.errorCode() > 0 ? e.errorCode() : status);
                body.put("message", e.getMessage());
                respond(exchange, status, body);
            } catch (RuntimeException e) {
                ObjectNode body = JSON.createObjectNode();
                body.put("error_code", 50001);
                body.put("message", "Internal error: " + e);
                respond(exchange, 500, body);
            }
        }
    }

    private void authorize(HttpExchange exchange) {
        String expected = expectedAuthorization;
        if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
            throw new HttpError(401, 40101, "Unauthorized");
        }
    }

    private JsonNode route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String resource = path.isEmpty() ? "" : path.getFirst();
        int size = path.size();
        switch (resource) {
            case "" -> {
                return JSON.createObjectNode();
            }
            case "config" -> {
                requireMethod(method, "GET");
                if (size == 1) {
                    ObjectNode body = JSON.createObjectNode();
                    body.put("compatibilityLevel", "BACKWARD");
                    return body;
                }
                if (size == 2) {
                    throw new HttpError(404, 40408, "Subject '" + path.get(1)
                            + "' does not have subject-level compatibility configured");
                }
            }
            case "schemas" -> {
                requireMethod(method, "GET");
                if (size == 2 && path.get(1).equals("types")) {
                    return JSON.createArrayNode().add("AVRO");
                }
                if (size >= 3 && size <= 4 && path.get(1).equals("ids")) {
                    Schema schema = store.getSchemaById(schemaId(path.get(2)));
                    if (size == 4 && path.get(3).equals("schema")) {
                        return JSON.readTree(schema.toString());
                    }
                    if (size == 3) {
                        ObjectNode body = JSON.createObjectNode();
                        body.put("schema", schema.toString());
                        return body;
                    }
                }
            }
            case "subjects" -> {
                return subjects(exchange, method, path);
            }
            case "compatibility" -> {
                if (size == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    requireMethod(method, "POST");
                    ObjectNode body = JSON.createObjectNode();
                    body.put("is_compatible", compatible(path.get(2), path.get(4), requestSchema(exchange)));
                    return body;
                }
            }
            default -> {
            }
        }
        throw new HttpError(404, 404, "HTTP 404 Not Found");
    }

    private JsonNode subjects(HttpExchange exchange, String method, List<String> path) throws IOException {
        int size = path.size();
        if (size == 1) {
            requireMethod(method, "GET");
            ArrayNode body = JSON.createArrayNode();
            store.subjects().forEach(body::add);
            return body;
        }
        String subject = path.get(1);
        if (size == 2) {
            requireMethod(method, "POST");
            return metadata(store.lookup(subject, requestSchema(exchange)));
        }
        if (!path.get(2).equals("versions") || size > 5) {
            throw new HttpError(404, 404, "HTTP 404 Not Found");
        }
        if (size == 3) {
            if (method.equals("POST")) {
                Schema schema = requestSchema(exchange);
                ObjectNode body = JSON.createObjectNode();
                body.put("id", store.register(subject, schema));
                return body;
            }
            requireMethod(method, "GET");
            ArrayNode body = JSON.createArrayNode();
            store.versions(subject).forEach(body::add);
            return body;
        }
        requireMethod(method, "GET");
        SchemaMetadata metadata = version(subject, path.get(3));
        if (size == 5) {
            if (!path.get(4).equals("schema")) {
                throw new HttpError(404, 404, "HTTP 404 Not Found");
            }
            return JSON.readTree(metadata.schema().toString());
        }
        return metadata(metadata);
    }

    private SchemaMetadata version(String subject, String version) {
        if (version.equals("latest") || version.equals("-1")) {
            return store.getLatestSchemaMetadata(subject);
        }
        return store.version(subject, versionNumber(version));
    }

    private boolean compatible(String subject, String version, Schema candidate) {
        if (version.equals("latest") || version.equals("-1")) {
            return store.testCompatibility(subject, candidate);
        }
        return AvroSchemas.canRead(candidate, store.version(subject, versionNumber(version)).schema());
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // falls through to Confluent's 42202
        }
        throw new HttpError(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new HttpError(404, 404, "HTTP 404 Not Found");
        }
    }

    private static ObjectNode metadata(SchemaMetadata metadata) {
        ObjectNode body = JSON.createObjectNode();
        body.put("subject", metadata.subject());
        body.put("version", metadata.version());
        body.put("id", metadata.id());
        body.put("schema", metadata.schema().toString());
        return body;
    }

    private static Schema requestSchema(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in.readAllBytes());
        } catch (JacksonException e) {
            throw new HttpError(400, 400, "Unrecognized request body: " + e.getOriginalMessage());
        }
        JsonNode type = request.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asString())) {
            throw new HttpError(422, 42201, "Invalid schema: unsupported schema type " + type.asString());
        }
        JsonNode references = request.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new HttpError(422, 42201, "Invalid schema: schema references are not supported");
        }
        JsonNode text = request.get("schema");
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw new HttpError(422, 42201, "Empty schema");
        }
        try {
            return new Schema.Parser().parse(text.asString());
        } catch (RuntimeException e) {
            // Avro 1.12 reports some invalid schemas (e.g. undefined names) as NullPointerException.
            throw new HttpError(422, 42201, "Invalid schema " + text.asString() + ": " + e.getMessage());
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new HttpError(405, 405, "HTTP 405 Method Not Allowed");
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                // Raw path + per-segment decoding keeps an encoded '/' inside a subject name intact.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static final class HttpError extends RuntimeException {
        final int status;
        final int errorCode;

        HttpError(int status, int errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }
    }
}
