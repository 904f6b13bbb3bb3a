package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.Http;
import dk.care.provisioning.testing.RawHttp;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public port as a client on the network meets it, on the real Tomcat of the shared worker
 * context: bodies are bounded before anything parses them (declared or chunked), the per-address
 * limit answers before a body is read and ignores forged forwarding headers, only JSON is read,
 * malformed bodies get a fixed answer, and every answer carries the security headers. Each test
 * is its own client, on its own loopback address, so their address budgets do not mix.
 */
class RedemptionHttpEdgeIntegrationTest extends WorkerIntegrationTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);
    private static final int BODY_LIMIT = 8 * 1024;
    private static final int ADDRESS_LIMIT = 30;
    private static final String LOOKUP = "/api/invitations/lookup";
    private static final String UNKNOWN_TOKEN = "{\"token\":\"" + "A".repeat(43) + "\"}";
    private static final String MALFORMED = "{\"error\":\"MALFORMED_REQUEST\","
            + "\"message\":\"The request body is not the JSON object this API expects.\"}";

    @LocalServerPort
    private int port;

    @Test
    void refusesADeclaredOversizedBodyWithoutWaitingForIt() {
        try (var raw = RawHttp.connect(newClient(), port, Duration.ofSeconds(10))) {
            raw.send(head("POST", LOOKUP, "Content-Type: application/json", "Content-Length: 52428800"));
            assertThat(raw.status()).isEqualTo(413);
        }
    }

    @Test
    void cutsOffAChunkedBodyWithoutLengthAtTheLimit() {
        try (var raw = RawHttp.connect(newClient(), port, Duration.ofSeconds(10))) {
            raw.send(head("POST", LOOKUP, "Content-Type: application/json", "Transfer-Encoding: chunked"));
            raw.sendChunk("{\"token\":\"");
            for (int sent = 0; sent <= BODY_LIMIT; sent += 1024) {
                raw.sendChunk("A".repeat(1024));
            }
            // No last chunk: the body never ends, so only a cut-off at the limit can answer.
            assertThat(raw.status()).isEqualTo(413);
        }
    }

    @Test
    void readsAChunkedBodyWithinTheLimit() {
        HttpClient client = client(newClient());
        var response = Http.send(client, HttpRequest.newBuilder(uri(LOOKUP)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(UNKNOWN_TOKEN.getBytes(StandardCharsets.UTF_8)))));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("INVITATION_NOT_FOUND");
    }

    @Test
    void answersALimitedAddressBeforeReadingItsBody() {
        InetAddress address = newClient();
        HttpClient client = client(address);
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            assertThat(lookup(client, UNKNOWN_TOKEN).statusCode()).isEqualTo(404);
        }
        try (var raw = RawHttp.connect(address, port, Duration.ofSeconds(10))) {
            raw.send(head("POST", LOOKUP, "Content-Type: application/json", "Content-Length: 52428800"));
            assertThat(raw.status()).isEqualTo(429);
        }
    }

    @Test
    void aForgedForwardedForCountsAgainstTheRealAddress() {
        HttpClient client = client(newClient());
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            var response = Http.send(client, json(LOOKUP, UNKNOWN_TOKEN).header("X-Forwarded-For", "203.0.113." + (i + 1)));
            assertThat(response.statusCode()).isEqualTo(404);
        }
        var forged = Http.send(client, json(LOOKUP, UNKNOWN_TOKEN).header("X-Forwarded-For", "198.51.100.7"));
        assertThat(forged.statusCode()).isEqualTo(429);
        assertThat(forged.body()).contains("TOO_MANY_ATTEMPTS");
    }

    @Test
    void readsJsonOnly() {
        HttpClient client = client(newClient());
        var bodies = Map.of(
                "application/yaml", "token: " + "A".repeat(43),
                "application/xml", "<token>" + "A".repeat(43) + "</token>",
                "text/plain", UNKNOWN_TOKEN,
                "application/x-www-form-urlencoded", "token=" + "A".repeat(43));
        bodies.forEach((type, body) -> assertThat(Http.send(client, HttpRequest.newBuilder(uri(LOOKUP))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body))).statusCode())
                .as(type).isEqualTo(415));
        assertThat(Http.send(client, HttpRequest.newBuilder(uri(LOOKUP)).POST(HttpRequest.BodyPublishers.ofString(UNKNOWN_TOKEN)))
                .statusCode()).as("no content type").isEqualTo(415);
    }

    @Test
    void answersMalformedBodiesWithAFixedMessageThatEchoesNothing() {
        HttpClient client = client(newClient());
        String token = "GBGp" + "x".repeat(39);
        List<String> bodies = List.of(
                "{\"token\":" + token + "}",
                "{\"token\":\"" + token + "\",\"username\":\"karen.h\",\"password\":hunter2hunter2}",
                "{\"token\":\"" + token + "\",\"username\":\"karen.h\",\"password\":\"hunter2hunter2",
                "{\"token\":[\"" + token + "\"],\"password\":{\"value\":\"hunter2hunter2\"}}",
                "[\"" + token + "\"]",
                "{\"" + "n".repeat(2_000) + "\":\"" + token + "\"}",
                "{\"token\":\"" + token + "\",\"username\":\"" + "u".repeat(5_000) + "\"}");
        for (String body : bodies) {
            var response = Http.send(client, json("/api/invitations/redeem", body));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).isEqualTo(MALFORMED);
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        HttpClient client = client(newClient());
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(lookup(client, UNKNOWN_TOKEN));
        answers.add(lookup(client, "{\"token\":"));
        answers.add(Http.send(client, HttpRequest.newBuilder(uri(LOOKUP)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("token: x"))));
        answers.add(Http.send(client, HttpRequest.newBuilder(uri(LOOKUP)).GET()));
        answers.add(Http.send(client, json(LOOKUP, "{\"token\":\"" + "A".repeat(BODY_LIMIT) + "\"}")));
        answers.add(Http.send(client, HttpRequest.newBuilder(uri("/api/admin/invitations/" + UUID.randomUUID() + "/revoke"))
                .POST(HttpRequest.BodyPublishers.noBody())));
        answers.add(Http.send(client, HttpRequest.newBuilder(uri("/register/" + "A".repeat(43))).GET()));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(404, 400, 415, 405, 413, 401, 404);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.headers().map()).as(answer.toString())
                .containsEntry("cache-control", List.of("no-store"))
                .containsEntry("x-content-type-options", List.of("nosniff"))
                .containsEntry("referrer-policy", List.of("no-referrer"))
                .containsEntry("content-security-policy", List.of("default-src 'none'; frame-ancestors 'none'"))
                .containsEntry("x-frame-options", List.of("DENY")));
    }

    @Test
    void anUnknownPathIsAnsweredWithoutEchoingIt() {
        String token = "Zq" + "9".repeat(41);
        var answer = Http.send(client(newClient()), HttpRequest.newBuilder(uri("/register/" + token)).GET());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain(token).doesNotContain("/register");
    }

    /** A loopback address of its own (127.0.0.2, .3, …): a client with its own address budget. */
    private static InetAddress newClient() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + CLIENTS.incrementAndGet())});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpClient client(InetAddress address) {
        return HttpClient.newBuilder().localAddress(address).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String head(String method, String path, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder json(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> lookup(HttpClient client, String body) {
        return Http.send(client, json(LOOKUP, body));
    }
}
