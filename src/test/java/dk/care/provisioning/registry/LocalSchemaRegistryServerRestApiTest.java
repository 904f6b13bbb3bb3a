package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Raw HTTP against the test server: responses must look like Confluent's so its own client can talk to it. */
class LocalSchemaRegistryServerRestApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalSchemaRegistryServer server;

    @BeforeEach
    void startServer() {
        server = new LocalSchemaRegistryServer("127.0.0.1", 0).start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        http.close();
    }

    @Test
    void reportsAUrlWithTheBoundRandomPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void registerAndReadBackUseConfluentPathsAndBodies() throws Exception {
        HttpResponse<String> registered = post("/subjects/greetings-value/versions?normalize=false", schemaBody());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type")).hasValue(CONTENT_TYPE);
        assertThat(json(registered)).isEqualTo(JSON.readTree("{\"id\":1}"));

        assertThat(json(get("/schemas/ids/1?fetchMaxId=false&subject=greetings-value")).get("schema").asString())
                .isEqualTo(TestSchemas.GREETING_V1.toString());
        assertThat(json(get("/subjects"))).isEqualTo(JSON.readTree("[\"greetings-value\"]"));
        assertThat(json(get("/subjects/greetings-value/versions"))).isEqualTo(JSON.readTree("[1]"));
        JsonNode version = json(get("/subjects/greetings-value/versions/1"));
        assertThat(version.get("subject").asString()).isEqualTo("greetings-value");
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("id").asInt()).isEqualTo(1);
        assertThat(version.get("schema").asString()).isEqualTo(TestSchemas.GREETING_V1.toString());
        assertThat(json(get("/subjects/greetings-value/versions/latest"))).isEqualTo(version);
        assertThat(json(post("/subjects/greetings-value?normalize=false&deleted=false", schemaBody()))).isEqualTo(version);
        assertThat(json(post("/compatibility/subjects/greetings-value/versions/latest", schemaBody())))
                .isEqualTo(JSON.readTree("{\"is_compatible\":true}"));
        assertThat(json(get("/subjects/greetings-value/versions/1/schema")))
                .isEqualTo(JSON.readTree(TestSchemas.GREETING_V1.toString()));
    }

    @Test
    void globalConfigIsBackward() throws Exception {
        HttpResponse<String> config = get("/config");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(json(config)).isEqualTo(JSON.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
    }

    @Test
    void errorsUseConfluentStatusAndErrorBody() throws Exception {
        assertError(get("/schemas/ids/42"), 404, 40403);
        assertError(get("/subjects/nope/versions"), 404, 40401);
        assertError(get("/subjects/nope/versions/latest"), 404, 40401);
        post("/subjects/greetings-value/versions", schemaBody());
        assertError(get("/subjects/greetings-value/versions/7"), 404, 40402);
        assertError(get("/subjects/greetings-value/versions/zero"), 422, 42202);
        assertError(post("/subjects/greetings-value", body(TestSchemas.GREETING_V2.toString())), 404, 40403);
        assertError(post("/subjects/greetings-value/versions", body(TestSchemas.GREETING_INCOMPATIBLE.toString())), 409, 40901);
        assertError(post("/subjects/greetings-value/versions", body("{\"type\":\"nonsense\"}")), 422, 42201);
        ObjectNode protobuf = JSON.createObjectNode().put("schema", "syntax = \"proto3\";").put("schemaType", "PROTOBUF");
        assertError(post("/subjects/x/versions", protobuf.toString()), 422, 42201);
        assertError(get("/no/such/path"), 404, 404);
    }

    @Test
    void basicAuthIsEnforcedWhenConfigured() throws Exception {
        server.close();
        server = new LocalSchemaRegistryServer().withBasicAuth("u", "p").start();

        HttpResponse<String> anonymous = get("/subjects");
        assertError(anonymous, 401, 40101);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects"))
                .header("Authorization", "Basic dTpw").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(200);
    }

    private void assertError(HttpResponse<String> response, int status, int errorCode) throws Exception {
        assertThat(response.statusCode()).as(response.uri() + " status, body " + response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error_code").asInt()).as(response.uri() + " error_code").isEqualTo(errorCode);
        assertThat(body.get("message").asString()).isNotBlank();
    }

    private static String schemaBody() {
        return body(TestSchemas.GREETING_V1.toString());
    }

    private static String body(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
