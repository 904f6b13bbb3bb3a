package dk.care.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.v1.CreateUserRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A phone self-registration as the shared worker of {@link WorkerIntegrationTest} runs it: the request
 * sent, the SMS link read from the log provider's line, and the invitation redeemed over the redemption API.
 */
public final class SelfRegistrations {

    private static final Pattern TOKEN = Pattern.compile("/register#/([A-Za-z0-9_-]{43})");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SelfRegistrations() {
    }

    /** Sends {@code request} with {@code sender} and returns the token of the SMS it causes. */
    public static String invite(Consumer<CreateUserRequest> sender, CreateUserRequest request) {
        try (CapturedLogs logs = CapturedLogs.start()) {
            sender.accept(request);
            String sms = await().atMost(Duration.ofSeconds(60)).until(() -> logs.events().stream()
                    .filter(line -> line.contains("SMS to " + request.getPhone())).findFirst().orElse(null),
                    line -> line != null);
            Matcher token = TOKEN.matcher(sms);
            assertThat(token.find()).as("link in %s", sms).isTrue();
            return token.group(1);
        }
    }

    /** Redeems the invitation with a username and password through the worker on {@code port}; answers 200. */
    public static void redeem(int port, String token, String username, String password) {
        var answer = Http.send(HTTP, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/invitations/redeem"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("token", token, "username", username, "password", password)))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
