package dk.care.provisioning.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API of a running worker, as an admin UI calls it: bearer token and the person it acts for. */
final class AdminApi {

    /** The embedded default's throw-away admin token (application-local.yml). */
    static final String LOCAL_TOKEN = "demo-admin-token-for-the-embedded-default";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    AdminApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("X-Requested-By", "Query Test").GET().build());
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + LOCAL_TOKEN)
                .header("X-Requested-By", "Query Test").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The JSON answer of a GET that must succeed. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path, LOCAL_TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
