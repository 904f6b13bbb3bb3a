package dk.care.provisioning.invitation.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP SMS gateway: {@code POST <url>} with {@code {"to", "message", "reference"}} as JSON and a
 * bearer token. 2xx is delivered; 429 and 5xx, connection failures and timeouts are transient;
 * any other answer is a permanent refusal of this message. The response body is never read into
 * the attempt record, since a gateway may echo the message.
 */
final class HttpSmsGateway implements SmsProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final @Nullable String authToken;
    private final Duration timeout;
    private final HttpClient client;

    HttpSmsGateway(URI url, @Nullable String authToken, Duration timeout) {
        this.url = url;
        this.authToken = authToken;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void send(Sms sms) {
        Map<String, String> body = sms.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (authToken != null && !authToken.isBlank()) {
            request.header("Authorization", "Bearer " + authToken);
        }
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new DeliveryException.Transient("gateway unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException.Transient("interrupted", e);
        }
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 429 || status >= 500) {
            throw new DeliveryException.Transient("HTTP " + status);
        }
        throw new DeliveryException.Permanent("HTTP " + status);
    }
}
