package dk.care.provisioning.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.StandardLogin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The query API on the real broker and database: requests go through Kafka, the answers come from the
 * worker's tables — a request's state (a creation's or a change's), an organisation's users with filters,
 * a user's history with its changes — and no answer carries a password hash, a CPR or a token.
 */
class QueryApiIntegrationTest extends WorkerIntegrationTest {

    @LocalServerPort
    int port;

    private AdminApi api() {
        return new AdminApi(port);
    }

    @Test
    void answersPendingThenCreatedWithTheUser() {
        CreateUserRequest request = Requests.standard(encrypted("a long and private passphrase")).build();
        assertThat(state(request.getRequestId()).path("state").asString()).isEqualTo("PENDING");

        send(request);

        JsonNode created = await().atMost(Duration.ofSeconds(30)).until(() -> state(request.getRequestId()),
                answer -> !"PENDING".equals(answer.path("state").asString()));
        assertThat(created.path("state").asString()).isEqualTo("CREATED");
        UUID userId = UUID.fromString(created.path("userId").asString());
        assertThat(jdbc.sql("select request_id from app_user where id = :id").param("id", userId).query(String.class)
                .single()).isEqualTo(request.getRequestId());
        assertThat(created.has("errors") && !created.path("errors").isEmpty()).isFalse();
    }

    @Test
    void answersFailedWithEveryCodeAtItsField() {
        CreateUserRequest request = Requests.standard(encrypted("short")).setEmail("not-an-address")
                .setPhone("12345678").setDepartmentId("demo-care.closed").build();
        send(request);

        JsonNode failed = awaitOutcome(request.getRequestId());

        assertThat(failed.path("state").asString()).isEqualTo("FAILED");
        assertThat(failed.has("userId")).isFalse();
        List<String> codesAtFields = new ArrayList<>();
        failed.path("errors").forEach(error -> {
            codesAtFields.add(error.path("code").asString() + "@" + error.path("field").asString());
            assertThat(error.path("message").asString()).isNotBlank();
        });
        assertThat(codesAtFields).containsExactlyInAnyOrder("EMAIL_INVALID@email", "PHONE_MISSING_COUNTRY_CODE@phone",
                "PASSWORD_TOO_WEAK@login.password", "DEPARTMENT_NOT_FOUND@departmentId");
    }

    @Test
    void listsAnOrganisationsUsersByFilterWithLoginMethodAndInvitationButNoSecret() {
        String marker = "Querytest " + UUID.randomUUID().toString().substring(0, 8);
        String cpr = Requests.uniqueCpr();
        String password = "a long and private passphrase";
        CreateUserRequest phone = Requests.phoneSelfRegistration().setName(marker + " Phone").build();
        CreateUserRequest standard = Requests.standard(encrypted(password)).setName(marker + " Standard")
                .setDepartmentId("demo-care.nursing-home").build();
        CreateUserRequest mitId = Requests.mitId(encrypted(cpr)).setName(marker + " Mitid").build();
        List.of(phone, standard, mitId).forEach(this::send);
        List.of(phone, standard, mitId).forEach(request -> assertThat(awaitOutcome(request.getRequestId())
                .path("state").asString()).isEqualTo("CREATED"));

        JsonNode all = api().json(usersPath("q=" + encode(marker.toUpperCase())));
        // Newest first: the three may be decided in any order (partitions), so the order is checked by id.
        assertThat(names(all)).containsExactlyInAnyOrder(marker + " Mitid", marker + " Standard", marker + " Phone");
        List<String> ids = new ArrayList<>();
        all.path("users").forEach(user -> ids.add(user.path("userId").asString()));
        assertThat(ids).isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());
        assertThat(all.has("next")).isFalse();
        JsonNode phoneUser = named(all, marker + " Phone");
        assertThat(phoneUser.path("loginMethod").asString()).isEqualTo("PHONE_SELF_REGISTRATION");
        assertThat(phoneUser.path("status").asString()).isEqualTo("PENDING_SELF_REGISTRATION");
        assertThat(phoneUser.path("invitation").path("status").asString()).isIn("PENDING", "SENT");
        JsonNode standardUser = named(all, marker + " Standard");
        assertThat(standardUser.path("loginMethod").asString()).isEqualTo("STANDARD");
        assertThat(standardUser.path("username").asString())
                .isEqualTo(((StandardLogin) standard.getLogin()).getUsername());
        assertThat(standardUser.has("invitation")).isFalse();

        assertThat(names(api().json(usersPath("q=" + encode(marker) + "&department=demo-care.nursing-home"))))
                .containsExactly(marker + " Standard");
        assertThat(names(api().json(usersPath("q=" + encode(marker) + "&type=relative"))))
                .containsExactly(marker + " Phone");
        assertThat(names(api().json(usersPath("q=" + encode(marker) + "&status=ACTIVE"))))
                .containsExactlyInAnyOrder(marker + " Mitid", marker + " Standard");
        assertThat(names(api().json(usersPath("q=" + encode("%") + "&type=RELATIVE&department=demo-care.nursing-home"))))
                .isEmpty();

        String everything = api().get(usersPath("q=" + encode(marker)), AdminApi.LOCAL_TOKEN).body()
                + api().get("/api/admin/users/" + standardUser.path("userId").asString(), AdminApi.LOCAL_TOKEN).body();
        String hash = jdbc.sql("select password_hash from password_credential where username = :u")
                .param("u", standardUser.path("username").asString()).query(String.class).single();
        assertThat(everything).doesNotContain(cpr, password, hash, "$argon2", "cpr", "token", "hash");
    }

    @Test
    void pagesWithACursorUntilTheLastPage() {
        String marker = "Pagetest " + UUID.randomUUID().toString().substring(0, 8);
        List<CreateUserRequest> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(Requests.phoneSelfRegistration().setName(marker + " " + i).build());
        }
        requests.forEach(this::send);
        requests.forEach(request -> awaitOutcome(request.getRequestId()));

        List<String> seen = new ArrayList<>();
        String path = usersPath("limit=2&q=" + encode(marker));
        int pages = 0;
        while (path != null) {
            JsonNode page = api().json(path);
            seen.addAll(names(page));
            pages++;
            path = page.has("next") ? usersPath("limit=2&q=" + encode(marker) + "&after=" + page.path("next").asString())
                    : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void tellsAUsersHistoryFromCreationThroughInvitationAndResend() {
        CreateUserRequest request = Requests.phoneSelfRegistration().setRequestedBy("Hanne HR").build();
        send(request);
        UUID userId = UUID.fromString(awaitOutcome(request.getRequestId()).path("userId").asString());
        String invitationId = await().atMost(Duration.ofSeconds(30)).until(
                () -> api().json("/api/admin/users/" + userId).path("user").path("invitation"),
                invitation -> "SENT".equals(invitation.path("status").asString())).path("invitationId").asString();

        assertThat(api().post("/api/admin/invitations/" + invitationId + "/resend").statusCode()).isEqualTo(201);

        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> api().json("/api/admin/users/" + userId),
                answer -> events(answer).stream().filter("SMS_SENT"::equals).count() == 2);
        assertThat(events(detail)).containsExactly("CREATED", "INVITED", "SMS_SENT", "INVITED", "INVITATION_RESENT",
                "SMS_SENT");
        assertThat(detail.path("history").get(0).path("by").asString()).isEqualTo("Hanne HR via test");
        assertThat(detail.path("history").get(4).path("by").asString()).as("the person and the API client")
                .isEqualTo("Query Test [demo-admin-client] via invitation-admin");
    }

    @Test
    void answersAChangesStateByRequestIdAndListsTheChangesInTheHistoryWithWhoAsked() {
        String marker = "Changetest " + UUID.randomUUID().toString().substring(0, 8);
        CreateUserRequest creation = Requests.phoneSelfRegistration().setName(marker).build();
        send(creation);
        UUID userId = UUID.fromString(awaitOutcome(creation.getRequestId()).path("userId").asString());

        ChangeUserRequest move = Changes.of(userId, Changes.move("demo-care.nursing-home", "demo-care.relative"))
                .setRequestedBy("Hanne HR").setExpectedVersion(1L).build();
        ChangeUserRequest stale = Changes.of(userId, Changes.contact().setPhone("+4520999888").build())
                .setExpectedVersion(1L).build();
        ChangeUserRequest later = Changes.of(userId, Changes.deactivate())
                .setEffectiveAt(Instant.now().plus(Duration.ofDays(30))).build();
        ChangeUserRequest leave = Changes.of(userId, Changes.deactivate()).build();
        assertThat(state(move.getRequestId()).path("state").asString()).isEqualTo("PENDING");
        List.of(move, stale, later, leave).forEach(this::sendChange);

        JsonNode moved = awaitOutcome(move.getRequestId());
        assertThat(moved.path("state").asString()).isEqualTo("CHANGED");
        assertThat(moved.path("userId").asString()).isEqualTo(userId.toString());
        JsonNode conflict = awaitOutcome(stale.getRequestId());
        assertThat(conflict.path("state").asString()).isEqualTo("FAILED");
        assertThat(conflict.path("userId").asString()).isEqualTo(userId.toString());
        assertThat(conflict.path("errors").get(0).path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(conflict.path("errors").get(0).path("field").asString()).isEqualTo("expectedVersion");
        JsonNode scheduled = awaitOutcome(later.getRequestId());
        assertThat(scheduled.path("state").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(scheduled.path("scheduledFor").asString()))
                .isCloseTo(later.getEffectiveAt(), within(1, ChronoUnit.SECONDS));
        assertThat(awaitOutcome(leave.getRequestId()).path("state").asString()).isEqualTo("CHANGED");

        JsonNode user = named(api().json(usersPath("status=deactivated&q=" + encode(marker))), marker);
        assertThat(user.path("departmentName").asString()).isEqualTo("Nursing home");
        assertThat(user.path("roleName").asString()).isEqualTo("Relative");
        assertThat(user.path("version").asLong()).isEqualTo(3);
        assertThat(names(api().json(usersPath("status=ACTIVE&q=" + encode(marker))))).isEmpty();
        JsonNode detail = api().json("/api/admin/users/" + userId);
        assertThat(detail.path("scheduled")).hasSize(1);
        assertThat(detail.path("scheduled").get(0).path("requestId").asString()).isEqualTo(later.getRequestId());
        assertThat(detail.path("scheduled").get(0).path("change").asString()).isEqualTo("DEACTIVATE");
        JsonNode history = detail.path("history");
        List<String> changes = new ArrayList<>();
        history.forEach(entry -> changes.add(entry.path("event").asString() + "|" + entry.path("detail").asString()
                + "|" + entry.path("by").asString()));
        assertThat(changes).containsSubsequence("MOVED||Hanne HR via hr-test",
                "CHANGE_FAILED|VERSION_CONFLICT|hr.tester via hr-test", "CHANGE_SCHEDULED||hr.tester via hr-test",
                "DEACTIVATED||hr.tester via hr-test");
    }

    @Test
    void isTheAdminApisWithItsTokenAndBoundsItsParameters() {
        assertThat(api().get("/api/admin/requests/anything", "wrong-token-of-thirty-two-characters").statusCode())
                .isEqualTo(401);
        assertThat(api().get("/api/admin/requests/" + "x".repeat(101), AdminApi.LOCAL_TOKEN).statusCode()).isEqualTo(400);
        assertThat(api().get(usersPath("limit=201"), AdminApi.LOCAL_TOKEN).statusCode()).isEqualTo(400);
        assertThat(api().get(usersPath("type=GHOST"), AdminApi.LOCAL_TOKEN).statusCode()).isEqualTo(400);
        assertThat(api().get(usersPath("q=" + "q".repeat(101)), AdminApi.LOCAL_TOKEN).statusCode()).isEqualTo(400);
        assertThat(api().get("/api/admin/organisations/no-such-org/users", AdminApi.LOCAL_TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(api().get("/api/admin/users/" + UUID.randomUUID(), AdminApi.LOCAL_TOKEN).statusCode()).isEqualTo(404);
    }

    private void sendChange(ChangeUserRequest request) {
        kafka.send(topics.userChanges(), Changes.key(request), request).join();
    }

    private JsonNode state(String requestId) {
        return api().json("/api/admin/requests/" + encode(requestId));
    }

    private JsonNode awaitOutcome(String requestId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> state(requestId),
                answer -> !"PENDING".equals(answer.path("state").asString()));
    }

    private static String usersPath(String query) {
        return "/api/admin/organisations/demo-care/users?" + query;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("users").forEach(user -> names.add(user.path("name").asString()));
        return names;
    }

    private static JsonNode named(JsonNode page, String name) {
        for (JsonNode user : page.path("users")) {
            if (name.equals(user.path("name").asString())) {
                return user;
            }
        }
        throw new AssertionError("no user named " + name);
    }

    private static List<String> events(JsonNode detail) {
        List<String> events = new ArrayList<>();
        detail.path("history").forEach(entry -> events.add(entry.path("event").asString()));
        return events;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
