package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.invitation.sms.GuardedProvider;
import dk.care.provisioning.invitation.sms.Sms;
import dk.care.provisioning.invitation.sms.SmsProviders;
import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.InvitationEvent;
import dk.care.provisioning.v1.InvitationStatus;
import dk.care.provisioning.v1.UserActivated;
import dk.care.provisioning.v1.UserCreated;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Phone self-registration end to end: a request on Kafka, the SMS through a real HTTP gateway on
 * localhost (with its failures), and the redemption API over HTTP, on the real broker and database.
 */
// A context of its own, which no other class shares: closed after the class, so that its broker, database
// and pollers take no CPU from the classes after it.
@DirtiesContext
class InvitationFlowIntegrationTest extends WorkerIntegrationTest {

    static final FakeSmsGateway GATEWAY = new FakeSmsGateway();
    static final int RATE_PER_SECOND = 20;
    static final int MAX_ATTEMPTS = 6;
    private static final String BASE_URL = "https://register.example.org/r#";
    private static final String ADMIN_TOKEN = "test-admin-token-of-thirty-two-characters";
    private static final String ADMIN = "Jens Admin (jens@demo-care.dk)";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(BASE_URL) + "/([A-Za-z0-9_-]{43})");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OutcomeConsumer invitationEvents;

    @LocalServerPort
    private int port;

    @Autowired
    private GuardedProvider provider;

    @Autowired
    private InvitationDispatcher dispatcher;

    @Autowired
    private ProducerFactory<Object, Object> producers;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) {
        properties.add("provisioning.invitations.base-url", () -> BASE_URL);
        properties.add("provisioning.invitations.provider.type", () -> "http");
        properties.add("provisioning.invitations.provider.http.url", GATEWAY::url);
        properties.add("provisioning.invitations.provider.http.auth-token", () -> "test-gateway-token");
        properties.add("provisioning.invitations.provider.timeout", () -> "2s");
        properties.add("provisioning.invitations.provider.rate-per-second", () -> RATE_PER_SECOND);
        properties.add("provisioning.invitations.provider.minimum-calls", () -> 5);
        properties.add("provisioning.invitations.provider.open-duration", () -> "2s");
        properties.add("provisioning.invitations.dispatch.poll-interval", () -> "100ms");
        properties.add("provisioning.invitations.dispatch.initial-backoff", () -> "200ms");
        properties.add("provisioning.invitations.dispatch.max-backoff", () -> "1s");
        properties.add("provisioning.invitations.dispatch.max-attempts", () -> MAX_ATTEMPTS);
        properties.add("provisioning.invitations.dispatch.lease", () -> "20s");
        properties.add("provisioning.invitations.dispatch.expiry-interval", () -> "200ms");
        properties.add("provisioning.invitations.redemption.max-failures-per-token", () -> 3);
        // Every request here comes from 127.0.0.1; AddressLimiterTest covers the per-address limit.
        properties.add("provisioning.invitations.redemption.max-requests-per-address", () -> 1000);
        properties.add("provisioning.invitations.admin-token", () -> ADMIN_TOKEN);
    }

    @AfterAll
    static void closeEvents() throws InterruptedException {
        if (invitationEvents != null) {
            invitationEvents.close();
            invitationEvents = null;
        }
    }

    @Test
    void deliversTheLinkBySmsAndRedeemsItIntoAnActiveUser() throws Exception {
        String phone = Requests.uniquePhone();
        UUID invitationId = requestInvitation(phone);

        String token = awaitToken(phone);
        FakeSmsGateway.Received sms = GATEWAY.receivedFor(phone).getFirst();
        assertThat(sms.authorization()).isEqualTo("Bearer test-gateway-token");
        assertThat(sms.reference()).isEqualTo(invitationId.toString());
        assertThat(sms.message()).startsWith("Demo Care ").contains("Vælg dit brugernavn");
        assertThat(TokenVault.hash(token)).isEqualTo(invitation(invitationId).get("token_hash"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(invitation(invitationId))
                .containsEntry("status", "SENT").containsEntry("token_ciphertext", null));

        var lookup = post("/api/invitations/lookup", Map.of("token", token));
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(json(lookup)).containsOnlyKeys("firstName", "organisationName", "expiresAt")
                .containsEntry("firstName", "Karen").containsEntry("organisationName", "Demo Care");

        String username = "Karen." + UUID.randomUUID().toString().substring(0, 8);
        var redeemed = post("/api/invitations/redeem",
                Map.of("token", token, "username", username, "password", "a private long passphrase"));
        assertThat(redeemed.statusCode()).isEqualTo(200);
        assertThat(json(redeemed)).containsEntry("username", username.toLowerCase()).containsEntry("status", "ACTIVE");

        UUID userId = (UUID) invitation(invitationId).get("user_id");
        assertThat(jdbc.sql("select status from app_user where id = ?").param(userId).query(String.class).single())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select username, password_hash from password_credential where user_id = ?").param(userId)
                .query().singleRow())
                .containsEntry("username", username.toLowerCase())
                .hasEntrySatisfying("password_hash", hash -> assertThat((String) hash).startsWith("$argon2id$"));
        assertThat(invitation(invitationId)).containsEntry("status", "REDEEMED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(invitationId))
                .containsExactly(InvitationStatus.SENT, InvitationStatus.REDEEMED));
        UserActivated activated;
        try (var activations = new OutcomeConsumer(bootstrapServers(), registryUrl(), List.of(topics.userActivated()))) {
            activated = activations.awaitOutcome(userId.toString(), UserActivated.class);
            assertThat(activations.all()).allSatisfy(event -> assertThat(event.value().toString())
                    .doesNotContain(token, TokenVault.hash(token)));
        }
        assertThat(activated.getUsername()).isEqualTo(username.toLowerCase());
        assertThat(activated.getInvitationId()).isEqualTo(invitationId);
        assertThat(activated.getOrganisationId()).isEqualTo("demo-care");
        assertThat(activated.getRequestId()).isEqualTo(jdbc.sql("select request_id from app_user where id = ?")
                .param(userId).query(String.class).single());

        var again = post("/api/invitations/redeem",
                Map.of("token", token, "username", username + "x", "password", "a private long passphrase"));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(json(again)).containsEntry("error", "INVITATION_ALREADY_USED");
        assertThat(invitationEvents().all()).allSatisfy(event -> assertThat(event.value().toString())
                .doesNotContain(token, TokenVault.hash(token)));
    }

    @Test
    void marksDeliveryFailedAtOnceWhenTheGatewayRefusesTheMessage() {
        String phone = Requests.uniquePhone();
        GATEWAY.script(phone, 400);
        UUID invitationId = requestInvitation(phone);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(invitationId))
                .containsExactly(InvitationStatus.DELIVERY_FAILED));
        assertThat(events(invitationId).getFirst().getDetail()).isEqualTo("HTTP 400");
        assertThat(invitation(invitationId)).containsEntry("status", "DELIVERY_FAILED").containsEntry("attempts", 1)
                .containsEntry("token_ciphertext", null);
        assertThat(attemptOutcomes(invitationId)).containsExactly("PERMANENT_FAILURE");
    }

    @Test
    void retriesTransientFailuresWithGrowingBackoffUntilSent() {
        String phone = Requests.uniquePhone();
        GATEWAY.script(phone, 503, 429, 500);
        UUID invitationId = requestInvitation(phone);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(invitationId))
                .containsExactly(InvitationStatus.SENT));
        assertThat(events(invitationId).getFirst().getAttempt()).isEqualTo(4);
        assertThat(attemptOutcomes(invitationId))
                .containsExactly("TRANSIENT_FAILURE", "TRANSIENT_FAILURE", "TRANSIENT_FAILURE", "SENT");
        List<Instant> calls = GATEWAY.receivedFor(phone).stream().map(FakeSmsGateway.Received::at).toList();
        // Backoff 200 ms doubling, at most half of it taken off by jitter: at least 100, 200, 400 ms.
        assertThat(Duration.between(calls.get(0), calls.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(calls.get(1), calls.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(calls.get(2), calls.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void givesUpAfterTheLastAttemptWithoutHoldingBackOthers() {
        String failing = Requests.uniquePhone();
        GATEWAY.script(failing, 503, 503, 503, 503, 503, 503, 503, 503);
        String healthy = Requests.uniquePhone();
        // Both exist before the first attempt: a request's way through Kafka can take longer on a loaded
        // machine than the failing invitation's whole short schedule (6 attempts within 2 to 4 s).
        dispatcher.stop();
        UUID failingInvitation;
        UUID healthyInvitation;
        try {
            failingInvitation = requestInvitation(failing);
            healthyInvitation = requestInvitation(healthy);
        } finally {
            dispatcher.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(healthyInvitation))
                .containsExactly(InvitationStatus.SENT));
        assertThat(GATEWAY.receivedFor(failing)).isNotEmpty();
        assertThat(invitation(failingInvitation)).containsEntry("status", "PENDING");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(eventStatuses(failingInvitation))
                .containsExactly(InvitationStatus.DELIVERY_FAILED));
        assertThat(events(failingInvitation).getFirst().getAttempt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(events(failingInvitation).getFirst().getDetail())
                .isEqualTo("gave up after " + MAX_ATTEMPTS + " attempts, last: HTTP 503");
        assertThat(GATEWAY.receivedFor(failing)).hasSize(MAX_ATTEMPTS);
        assertThat(invitation(failingInvitation)).containsEntry("token_ciphertext", null);
    }

    @Test
    void opensTheCircuitWhileTheGatewayIsDownAndCatchesUpWhenItReturns() {
        List<String> phones = new ArrayList<>();
        List<UUID> invitations = new ArrayList<>();
        GATEWAY.answerEverythingWith(503);
        try {
            // All ten are due when the gateway is first found down. Created one after another with the
            // dispatcher running, the first alone would supply the failures that open the breaker and,
            // under load, use up this test's short schedule (6 attempts within 2 to 4 s) before the second exists.
            dispatcher.stop();
            try {
                for (int i = 0; i < 10; i++) {
                    phones.add(Requests.uniquePhone());
                    invitations.add(requestInvitation(phones.getLast()));
                }
            } finally {
                dispatcher.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(provider::circuitOpen);
            // Four seconds down: without a breaker, 10 invitations retried every 0.2-1 s would make ~50 calls
            // and use up their attempts; with it, the first calls and one probe per half-open period.
            await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
            long callsWhileDown = phones.stream().mapToLong(phone -> GATEWAY.receivedFor(phone).size()).sum();
            assertThat(callsWhileDown).isLessThan(30);
            assertThat(invitations).allSatisfy(id -> assertThat(invitation(id)).containsEntry("status", "PENDING"));
        } finally {
            GATEWAY.answerEverythingWith(200);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(invitations).allSatisfy(id ->
                assertThat(eventStatuses(id)).containsExactly(InvitationStatus.SENT)));
    }

    @Test
    void honoursTheRateLimitWhenABacklogIsDue() {
        int backlog = 5 * RATE_PER_SECOND;
        List<String> phones = new ArrayList<>();
        dispatcher.stop();
        try {
            List<CreateUserRequest> requests = new ArrayList<>();
            for (int i = 0; i < backlog; i++) {
                phones.add(Requests.uniquePhone());
                requests.add(Requests.phoneSelfRegistration().setPhone(phones.getLast()).build());
            }
            requests.forEach(request -> kafka.send(topics.requests(), request.getRequestId(), request));
            requests.forEach(request -> outcomes().awaitOutcome(request.getRequestId(), UserCreated.class));
        } finally {
            dispatcher.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> phones.stream().allMatch(p -> !GATEWAY.receivedFor(p).isEmpty()));
        List<Instant> sent = phones.stream().map(p -> GATEWAY.receivedFor(p).getFirst().at()).sorted().toList();
        // A fixed-window limiter allows at most twice its limit in any sliding second (end of one window,
        // start of the next), and needs at least (windows - 2) full seconds for the whole backlog.
        for (Instant start : sent) {
            long inOneSecond = sent.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(1))).count();
            assertThat(inOneSecond).isLessThanOrEqualTo(2L * RATE_PER_SECOND);
        }
        assertThat(Duration.between(sent.getFirst(), sent.getLast()))
                .isGreaterThanOrEqualTo(Duration.ofMillis((backlog / RATE_PER_SECOND - 2) * 1000L - 100));
    }

    @Test
    void refusesUnknownRevokedAndExpiredTokensWithClearErrors() throws Exception {
        var unknown = post("/api/invitations/lookup", Map.of("token", "A".repeat(43)));
        var garbage = post("/api/invitations/lookup", Map.of("token", "not a token"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown)).containsEntry("error", "INVITATION_NOT_FOUND");
        assertThat(garbage.body()).isEqualTo(unknown.body());

        String revokedPhone = Requests.uniquePhone();
        UUID revoked = requestInvitation(revokedPhone);
        String revokedToken = awaitToken(revokedPhone);
        assertThat(adminPost(revoked, "revoke", ADMIN_TOKEN).statusCode()).isEqualTo(204);
        var refused = post("/api/invitations/redeem",
                Map.of("token", revokedToken, "username", "someone." + UUID.randomUUID(), "password", "a private long passphrase"));
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(json(refused)).containsEntry("error", "INVITATION_REVOKED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(revoked))
                .containsExactly(InvitationStatus.SENT, InvitationStatus.REVOKED));

        String expiringPhone = Requests.uniquePhone();
        UUID expiring = requestInvitation(expiringPhone);
        String expiringToken = awaitToken(expiringPhone);
        jdbc.sql("update invitation set expires_at = now() - interval '1 second' where id = ?").param(expiring).update();
        var expired = post("/api/invitations/lookup", Map.of("token", expiringToken));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(json(expired)).containsEntry("error", "INVITATION_EXPIRED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatuses(expiring))
                .containsExactly(InvitationStatus.SENT, InvitationStatus.EXPIRED));
        assertThat(invitation(expiring)).containsEntry("status", "EXPIRED");
    }

    @Test
    void resendingSendsANewLinkAndKillsTheOldOne() throws Exception {
        String phone = Requests.uniquePhone();
        UUID first = requestInvitation(phone);
        String oldToken = awaitToken(phone);

        assertThat(adminPost(first, "resend", "wrong-token").statusCode()).isEqualTo(401);
        var resent = adminPost(first, "resend", ADMIN_TOKEN);
        assertThat(resent.statusCode()).isEqualTo(201);
        UUID second = UUID.fromString((String) json(resent).get("invitationId"));

        await().atMost(Duration.ofSeconds(30)).until(() -> GATEWAY.receivedFor(phone).size() >= 2);
        String newToken = tokenIn(GATEWAY.receivedFor(phone).getLast().message());
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(json(post("/api/invitations/lookup", Map.of("token", oldToken))))
                .containsEntry("error", "INVITATION_REVOKED");
        assertThat(post("/api/invitations/lookup", Map.of("token", newToken)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventStatuses(first)).containsExactly(InvitationStatus.SENT, InvitationStatus.REVOKED);
            assertThat(eventStatuses(second)).containsExactly(InvitationStatus.SENT);
        });
        assertThat(events(first).getLast().getDetail()).isEqualTo("replaced by invitation " + second);
    }

    @Test
    void resendsAtMostThreeTimesADayPerUser() throws Exception {
        UUID first = requestInvitation(Requests.uniquePhone());

        for (int i = 0; i < 3; i++) {
            assertThat(adminPost(first, "resend", ADMIN_TOKEN).statusCode()).isEqualTo(201);
        }
        var fourth = adminPost(first, "resend", ADMIN_TOKEN);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(json(fourth)).containsEntry("error", "RESEND_LIMIT_REACHED");
        assertThat(jdbc.sql("select count(*) from invitation where user_id = ?").param(invitation(first).get("user_id"))
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void neverResendsAnOldInvitationOfAUserWhoHasRegistered() throws Exception {
        String phone = Requests.uniquePhone();
        UUID first = requestInvitation(phone);
        awaitToken(phone);
        var resent = adminPost(first, "resend", ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> GATEWAY.receivedFor(phone).size() >= 2);
        String token = tokenIn(GATEWAY.receivedFor(phone).getLast().message());
        assertThat(post("/api/invitations/redeem", Map.of("token", token, "username", "reg." + UUID.randomUUID(),
                "password", "a private long passphrase")).statusCode()).isEqualTo(200);

        var again = adminPost(first, "resend", ADMIN_TOKEN);

        assertThat(resent.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again)).containsEntry("error", "INVITATION_ALREADY_USED");
        assertThat(jdbc.sql("select count(*) from invitation where user_id = ?").param(invitation(first).get("user_id"))
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void rejectsBadCredentialsWithTheStandardCodesAndLocksTheTokenAfterTooManyFailures() throws Exception {
        String phone = Requests.uniquePhone();
        UUID invitationId = requestInvitation(phone);
        String token = awaitToken(phone);

        var weak = post("/api/invitations/redeem", Map.of("token", token, "username", "karen.h", "password", "password1234"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(errors(weak)).containsExactly(Map.entry("PASSWORD_TOO_WEAK", "password"));

        var invalid = post("/api/invitations/redeem", Map.of("token", token, "username", "k", "password", "a private long passphrase"));
        assertThat(errors(invalid)).containsExactly(Map.entry("USERNAME_INVALID", "username"));

        String taken = "taken." + UUID.randomUUID().toString().substring(0, 8);
        CreateUserRequest standard = Requests.standard("unused").setLogin(dk.care.provisioning.v1.StandardLogin.newBuilder()
                .setUsername(taken).setPassword(encrypted("another long passphrase")).build()).build();
        send(standard);
        outcomes().awaitOutcome(standard.getRequestId(), UserCreated.class);
        var clash = post("/api/invitations/redeem",
                Map.of("token", token, "username", taken.toUpperCase(), "password", "a private long passphrase"));
        assertThat(errors(clash)).containsExactly(Map.entry("USERNAME_TAKEN", "username"));

        var locked = post("/api/invitations/redeem",
                Map.of("token", token, "username", "free." + UUID.randomUUID().toString().substring(0, 8),
                        "password", "a private long passphrase"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json(locked)).containsEntry("error", "TOO_MANY_ATTEMPTS");
        assertThat(invitation(invitationId)).containsEntry("status", "SENT").containsEntry("failed_redemptions", 3);
    }

    @Test
    void tenParallelRedemptionsOfOneTokenHashOnePasswordAndHaveOneWinner() {
        String phone = Requests.uniquePhone();
        UUID invitationId = requestInvitation(phone);
        String token = awaitToken(phone);
        Timer hashing = meters.get("provisioning.redemption.password.hashing").timer();
        long hashesBefore = hashing.count();

        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            racing.add(HTTP.sendAsync(postRequest("/api/invitations/redeem", Map.of("token", token,
                    "username", "racer." + i + "." + UUID.randomUUID().toString().substring(0, 8),
                    "password", "a private long passphrase")), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = racing.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 200).hasSize(9).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(410);
            assertThat(json(answer)).containsEntry("error", "INVITATION_ALREADY_USED");
        });
        assertThat(hashing.count() - hashesBefore).as("Argon2id hashes").isEqualTo(1);
        assertThat(invitation(invitationId)).containsEntry("status", "REDEEMED");
    }

    @Test
    void resendAndRevokeLeaveAnAuditEntryAndALogLineNamingWhoAsked() throws Exception {
        String phone = Requests.uniquePhone();
        UUID first = requestInvitation(phone);
        awaitToken(phone);
        UUID userId = (UUID) invitation(first).get("user_id");

        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThat(adminPost(HTTP, first, "resend", "Bearer " + ADMIN_TOKEN, null).statusCode()).isEqualTo(400);
            var resent = adminPost(first, "resend", ADMIN_TOKEN);
            assertThat(resent.statusCode()).isEqualTo(201);
            UUID second = UUID.fromString((String) json(resent).get("invitationId"));
            assertThat(adminPost(HTTP, second, "revoke", "Bearer " + ADMIN_TOKEN, "Mette Admin").statusCode())
                    .isEqualTo(204);

            assertThat(jdbc.sql("""
                            select source, requested_by, outcome, organisation_id from audit_entry
                            where user_id = ? and source = 'invitation-admin' order by id""")
                    .param(userId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4))).list())
                    .as("the person, and the API client: this test's single admin token is the legacy client")
                    .containsExactly(List.of("invitation-admin", ADMIN + " [legacy-admin-token]", "INVITATION_RESENT",
                                    "demo-care"),
                            List.of("invitation-admin", "Mette Admin [legacy-admin-token]", "INVITATION_REVOKED",
                                    "demo-care"));
            assertThat(logs.events()).anySatisfy(line -> assertThat(line)
                    .contains("Resend of invitation " + first, ADMIN, second.toString()));
            assertThat(logs.events()).anySatisfy(line -> assertThat(line)
                    .contains("Revocation of invitation " + second, "Mette Admin", "Done"));
        }
    }

    @Test
    void limitsFailedAdminTokensPerAddressAndTakesTheBearerSchemeInAnyCase() throws Exception {
        UUID invitation = requestInvitation(Requests.uniquePhone());
        HttpClient attacker = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.9")).build();
        for (int i = 0; i < 10; i++) {
            var wrong = adminPost(attacker, invitation, "revoke", "Bearer wrong-token-" + i, ADMIN);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(adminPost(attacker, invitation, "revoke", "Bearer wrong-token", ADMIN).statusCode()).isEqualTo(429);
        assertThat(adminPost(attacker, invitation, "revoke", "Bearer " + ADMIN_TOKEN, ADMIN).statusCode())
                .as("the right token too, while the address is refused").isEqualTo(429);

        HttpClient admin = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.10")).build();
        assertThat(adminPost(admin, invitation, "revoke", "bearer " + ADMIN_TOKEN, ADMIN).statusCode()).isEqualTo(204);
        assertThat(adminPost(admin, invitation, "revoke", "BEARER " + ADMIN_TOKEN, ADMIN).statusCode()).isEqualTo(409);
    }

    @Test
    void kafkaProviderHandsTheSmsToTheNotificationTopicAsJson() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("test-sms-notifications", 1, (short) 1))).all().get();
        }
        var sms = new Sms(UUID.randomUUID(), "+4520999999", "Demo Care: " + BASE_URL + "/x");
        SmsProviders.kafka(producers, "test-sms-notifications", Duration.ofSeconds(30)).send(sms);

        var config = new java.util.Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sms-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("test-sms-notifications"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records.getFirst().key()).isEqualTo(sms.invitationId().toString());
            assertThat(JSON.readValue(records.getFirst().value(), Map.class)).isEqualTo(Map.of(
                    "to", sms.phone(), "message", sms.text(), "reference", sms.invitationId().toString()));
        }
    }

    private UUID requestInvitation(String phone) {
        CreateUserRequest request = Requests.phoneSelfRegistration().setPhone(phone).build();
        send(request);
        return outcomes().awaitOutcome(request.getRequestId(), UserCreated.class).getInvitationId();
    }

    private static String awaitToken(String phone) {
        FakeSmsGateway.Received sms = await().atMost(Duration.ofSeconds(30)).until(
                () -> GATEWAY.receivedFor(phone).stream().filter(r -> r.answered() == 200).findFirst().orElse(null),
                received -> received != null);
        return tokenIn(sms.message());
    }

    private static String tokenIn(String message) {
        Matcher link = LINK.matcher(message);
        assertThat(link.find()).as("link in %s", message).isTrue();
        return link.group(1);
    }

    private Map<String, Object> invitation(UUID id) {
        return jdbc.sql("select * from invitation where id = ?").param(id).query().singleRow();
    }

    private List<String> attemptOutcomes(UUID id) {
        return jdbc.sql("select outcome from invitation_attempt where invitation_id = ? order by id").param(id)
                .query(String.class).list();
    }

    private synchronized OutcomeConsumer invitationEvents() {
        if (invitationEvents == null) {
            invitationEvents = new OutcomeConsumer(bootstrapServers(), registryUrl(), List.of(topics.invitations()));
        }
        return invitationEvents;
    }

    private List<InvitationEvent> events(UUID invitationId) {
        return invitationEvents().values(invitationId.toString()).stream().map(InvitationEvent.class::cast).toList();
    }

    private List<InvitationStatus> eventStatuses(UUID invitationId) {
        return events(invitationId).stream().map(InvitationEvent::getStatus).toList();
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws IOException, InterruptedException {
        return HTTP.send(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(String path, Map<String, String> body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private HttpResponse<String> adminPost(UUID invitationId, String action, String adminToken)
            throws IOException, InterruptedException {
        return adminPost(HTTP, invitationId, action, "Bearer " + adminToken, ADMIN);
    }

    private HttpResponse<String> adminPost(HttpClient client, UUID invitationId, String action, String authorization,
                                           @Nullable String requestedBy) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/admin/invitations/" + invitationId + "/" + action))
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (requestedBy != null) {
            request.header("X-Requested-By", requestedBy);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, String>> errors(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(422);
        return ((List<Map<String, String>>) json(response).get("errors")).stream()
                .map(error -> Map.entry(error.get("code"), error.get("field"))).toList();
    }
}
