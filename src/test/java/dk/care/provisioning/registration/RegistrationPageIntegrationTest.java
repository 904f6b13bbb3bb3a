package dk.care.provisioning.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.UserActivated;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The registration page over real HTTP, as a browser without a script engine uses it, on the
 * shared worker context: invitations come through Kafka and the log SMS provider, registrations
 * end as ACTIVE users and a {@code UserActivated} on the broker. Each test is its own client on its
 * own loopback address, so their per-address budgets do not mix.
 */
class RegistrationPageIntegrationTest extends WorkerIntegrationTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final int ADDRESS_LIMIT = 30;
    private static final String PASSPHRASE = "kaffe cykel juni solsikke";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>");
    private static OutcomeConsumer activations;

    @LocalServerPort
    private int port;

    @Autowired
    private Invitations invitations;

    @AfterAll
    static void closeActivations() throws InterruptedException {
        if (activations != null) {
            activations.close();
            activations = null;
        }
    }

    @Test
    void registersThroughTheFormAndPublishesUserActivated() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        PageClient page = newClient();
        assertThat(page.get("/register").statusCode()).isEqualTo(200);

        var form = page.post("/register/open", Map.of("token", invitee.link()));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<html lang=\"da\"", "Hej Karen", "Demo Care har oprettet dig som bruger",
                "Mindst 12 tegn");

        String username = "Karen." + UUID.randomUUID().toString().substring(0, 8);
        var weak = page.post("/register", Map.of("token", invitee.token(), "lang", "da", "username", username,
                "password", "password"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("class=\"error-summary\"", "href=\"#password\"",
                        "id=\"password-error\"", "Adgangskoden skal være mindst 12 tegn",
                        "aria-describedby=\"password-hint password-rules password-error\"", "value=\"" + username + "\"")
                .doesNotContain("value=\"password\"");

        var done = page.post("/register", Map.of("token", invitee.token(), "lang", "da", "username", username,
                "password", PASSPHRASE));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Dit login er klar", username.toLowerCase(), "appen eller administrationssystemet");

        UUID userId = jdbc.sql("select id from app_user where request_id = ?").param(invitee.request().getRequestId())
                .query(UUID.class).single();
        assertThat(jdbc.sql("select status from app_user where id = ?").param(userId).query(String.class).single())
                .isEqualTo("ACTIVE");
        UserActivated activated = activations().awaitOutcome(userId.toString(), UserActivated.class);
        assertThat(activated.getUsername()).isEqualTo(username.toLowerCase());
        assertThat(activated.getRequestId()).isEqualTo(invitee.request().getRequestId());
        assertThat(activated.getOrganisationId()).isEqualTo("demo-care");
        assertThat(activated.toString()).doesNotContain(invitee.token(), PASSPHRASE);

        var again = page.post("/register/open", Map.of("token", invitee.token()));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("Invitationen er allerede brugt", "Log ind i appen");
    }

    @Test
    void speaksTheInvitationsLanguageAndSwitchesWhenAsked() {
        Invitee invitee = Invitee.invite(this::send, request -> request.setLocale("sv"));
        PageClient page = newClient();
        assertThat(page.get("/register?lang=en").body()).contains("<html lang=\"en\"", "name=\"lang\" value=\"en\"");
        // The browser's Danish shows the start page, but does not overrule the invitation's Swedish.
        assertThat(page.get("/register").body()).contains("<html lang=\"da\"").doesNotContain("name=\"lang\"");

        var swedish = page.post("/register/open", Map.of("token", invitee.token()));
        assertThat(swedish.body()).contains("<html lang=\"sv\"", "Hej Karen", "Välj användarnamn och lösenord",
                "aria-current=\"true\">Svenska");

        var english = page.post("/register/open", Map.of("token", invitee.token(), "lang", "en"));
        assertThat(english.body()).contains("<html lang=\"en\"", "Hello Karen", "Demo Care has created an account for you",
                "value=\"en\"");
        var englishErrors = page.post("/register", Map.of("token", invitee.token(), "lang", "en", "username", "k",
                "password", ""));
        assertThat(englishErrors.body()).contains("There is a problem", "The username may only contain",
                "Enter the password you want to use");
    }

    @Test
    void explainsUnknownExpiredAndUsedLinksAndWhatToDo() {
        PageClient page = newClient();
        page.get("/register");
        var unknown = page.post("/register/open", Map.of("token", "http://localhost:8080/register#/" + "A".repeat(43)));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Vi kan ikke finde invitationen", "bed den, der inviterede dig");

        Invitee expiring = Invitee.invite(this::send, request -> { });
        jdbc.sql("update invitation set expires_at = now() - interval '1 second' where token_hash = "
                + "(select token_hash from invitation i join app_user u on u.id = i.user_id where u.request_id = ?)")
                .param(expiring.request().getRequestId()).update();
        var expired = page.post("/register/open", Map.of("token", expiring.token()));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("Invitationen er udløbet", "sende en ny invitation")
                .doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAStrictPolicyAndNoInlineScript() {
        PageClient page = newClient();
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(page.get("/register"));
        answers.add(page.post("/register/open", Map.of("token", "A".repeat(43))));
        answers.add(page.post("/register", Map.of("token", "A".repeat(43), "username", "karen", "password", "x")));
        answers.add(page.postWithout("/register/open", Map.of("token", "A".repeat(43))));
        answers.add(page.get("/register/register.js"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 404, 404, 403, 200);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.headers().map()).as(answer.toString())
                .containsEntry("cache-control", List.of("no-store"))
                .containsEntry("x-content-type-options", List.of("nosniff"))
                .containsEntry("referrer-policy", List.of("no-referrer"))
                .containsEntry("x-frame-options", List.of("DENY")));
        assertThat(answers.subList(0, 4)).allSatisfy(answer -> assertThat(answer.headers().allValues("content-security-policy"))
                .containsExactly("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"));
        assertThat(answers.subList(0, 4)).allSatisfy(answer -> assertThat(INLINE_SCRIPT.matcher(answer.body()).find())
                .as("inline script in %s", answer.body()).isFalse());
        // The CSRF token travels in a cookie of the page's own path; no session exists that could time out.
        assertThat(answers).flatExtracting(answer -> answer.headers().allValues("set-cookie"))
                .allSatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("Path=/register",
                        "HttpOnly", "SameSite=Strict").doesNotContain("Expires", "Max-Age"))
                .isNotEmpty();
    }

    @Test
    void refusesAFormPostedWithoutItsCsrfTokenWithAPageThatSaysWhatToDo() {
        PageClient page = newClient();
        page.get("/register");
        var forged = page.postWithout("/register/open", Map.of("token", "A".repeat(43)));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Siden kunne ikke sendes", "Åbn linket fra SMS")
                .doesNotContain("Exception", "Whitelabel", "Forbidden");
    }

    @Test
    void thePageSharesThePerAddressBudgetOfTheApi() {
        InetAddress address = newAddress();
        PageClient page = new PageClient(address, port);
        page.get("/register");
        for (int i = 0; i < ADDRESS_LIMIT / 2; i++) {
            assertThat(page.post("/register/open", Map.of("token", "A".repeat(43))).statusCode()).isEqualTo(404);
            assertThat(lookup(page).statusCode()).isEqualTo(404);
        }
        var limited = page.post("/register/open", Map.of("token", "A".repeat(43)));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("For mange forsøg");
        assertThat(lookup(page).statusCode()).isEqualTo(429);
    }

    @Test
    void aLeaversLinkIsNoLongerValidAndItsInvitationCannotBeResent() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        UUID userId = jdbc.sql("select id from app_user where request_id = ?")
                .param(invitee.request().getRequestId()).query(UUID.class).single();
        UUID invitationId = jdbc.sql("select id from invitation where user_id = ?").param(userId)
                .query(UUID.class).single();
        kafka.send(topics.userChanges(), userId.toString(), Changes.of(userId, Changes.deactivate()).build()).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select status from app_user where id = ?")
                .param(userId).query(String.class).single().equals("DEACTIVATED"));

        PageClient page = newClient();
        page.get("/register");
        var refused = page.post("/register/open", Map.of("token", invitee.link()));
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(refused.body()).contains("Invitationen gælder ikke længere").doesNotContain("Hej Karen");
        assertThat(invitations.resend(invitationId, "tester")).isInstanceOf(Invitations.Resent.UserDeactivated.class);
        assertThat(jdbc.sql("select status from invitation where user_id = ?").param(userId).query(String.class).list())
                .containsExactly("REVOKED");
    }

    @Test
    void failedRegistrationsCountAgainstTheTokenUntilThePageRefusesIt() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        PageClient page = newClient();
        page.get("/register");
        HttpResponse<String> answer = null;
        for (int failures = 0; failures < 10; failures++) {
            answer = page.post("/register", Map.of("token", invitee.token(), "username", "x", "password", "x"));
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.body()).contains("For mange forsøg");
    }

    @Test
    void theTokenReachesNoLogLineButTheDevelopmentSms() {
        try (CapturedLogs logs = CapturedLogs.start("org.springframework.web", "org.springframework.security")) {
            Invitee invitee = Invitee.invite(this::send, request -> { });
            PageClient page = newClient();
            page.get("/register");
            page.post("/register/open", Map.of("token", invitee.link()));
            page.post("/register", Map.of("token", invitee.token(), "username", "x", "password", "x"));

            assertThat(logs.events()).filteredOn(line -> line.contains(invitee.token()))
                    .singleElement().asString().contains("SMS to ");
        }
    }

    private HttpResponse<String> lookup(PageClient page) {
        return page.send(HttpRequest.newBuilder(page.uri("/api/invitations/lookup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + "A".repeat(43) + "\"}")));
    }

    private PageClient newClient() {
        return new PageClient(newAddress(), port);
    }

    /** 127.0.1.x: apart from the addresses of the API's edge tests on 127.0.0.x. */
    private static InetAddress newAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (1 + CLIENTS.incrementAndGet())});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized OutcomeConsumer activations() {
        if (activations == null) {
            activations = new OutcomeConsumer(bootstrapServers(), registryUrl(), List.of(topics.userActivated()));
        }
        return activations;
    }
}
