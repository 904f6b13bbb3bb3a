package dk.care.provisioning.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.v1.CreateUserRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person invited through Kafka, as the embedded default invites: the request on the request
 * topic, the SMS printed by the log provider, the link taken from that line as a phone would show it.
 */
public record Invitee(CreateUserRequest request, String link, String token) {

    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 400_000));
    private static final Pattern LINK = Pattern.compile("(http://\\S+/register#/([A-Za-z0-9_-]{43}))");

    /** Sends a phone self-registration request (varied by {@code change}) with {@code sender}, and waits for its SMS. */
    public static Invitee invite(Consumer<CreateUserRequest> sender, Consumer<CreateUserRequest.Builder> change) {
        String phone = "+4530" + (100_000 + Math.floorMod(PHONES.incrementAndGet(), 800_000));
        CreateUserRequest.Builder builder = Requests.phoneSelfRegistration().setPhone(phone)
                .setRequestId(UUID.randomUUID().toString());
        change.accept(builder);
        CreateUserRequest request = builder.build();
        try (CapturedLogs logs = CapturedLogs.start()) {
            sender.accept(request);
            String sms = await().atMost(Duration.ofSeconds(60)).until(() -> logs.events().stream()
                    .filter(line -> line.contains("SMS to " + phone)).findFirst().orElse(null), line -> line != null);
            Matcher link = LINK.matcher(sms);
            assertThat(link.find()).as("link in %s", sms).isTrue();
            return new Invitee(request, link.group(1), link.group(2));
        }
    }

    /** The link's path and fragment, to open on another host and port than the configured base URL. */
    public String pathAndFragment() {
        return link.substring(link.indexOf("/register#"));
    }
}
