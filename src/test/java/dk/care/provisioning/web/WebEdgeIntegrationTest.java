package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.Http;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The base security chain on the real Tomcat: forms need their CSRF token, and nobody is asked to sign in. */
class WebEdgeIntegrationTest extends WorkerIntegrationTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    private int port;

    @Test
    void refusesAFormPostedWithoutTheTokenOfItsPage() {
        var answer = send(HttpRequest.newBuilder(uri("/some/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=karen.h&password=correct-horse")));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().map()).containsEntry("cache-control", List.of("no-store"))
                .containsEntry("content-security-policy", List.of(SecurityHeaders.CONTENT_SECURITY_POLICY));
    }

    @Test
    void asksNobodyToSignIn() {
        var answer = send(HttpRequest.newBuilder(uri("/some/page")).GET());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("www-authenticate")).isEmpty();
        assertThat(answer.headers().firstValue("set-cookie")).isEmpty();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return Http.send(client, request);
    }
}
