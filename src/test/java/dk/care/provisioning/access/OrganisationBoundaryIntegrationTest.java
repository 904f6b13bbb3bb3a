package dk.care.provisioning.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.OperationsFigures;
import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The organisation boundary through HTTP on the running worker (docs/design.md §12): an administrator of
 * Demo Omsorg in the console and an API client bound to Demo Omsorg, acting on a user, request (one
 * from an HR import included) or invitation of Demo Care, get exactly the answer an id that does not
 * exist gets, change nothing, and leave an {@code OUT_OF_SCOPE} audit entry. The same calls on Demo
 * Omsorg's own user succeed, so that the difference is the boundary and nothing else.
 */
class OrganisationBoundaryIntegrationTest extends WorkerIntegrationTest {

    private static final String SCOPED_ADMIN = "demo-omsorg-admin";
    private static final String SCOPED_ADMIN_PASSWORD = "omsorg-demo-password";
    private static final String SCOPED_TOKEN = "demo-omsorg-token-for-the-embedded-default";
    private static final String ALL_TOKEN = "demo-admin-token-for-the-embedded-default";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static Fixture fixture;

    @LocalServerPort
    int port;

    @Autowired
    AdminQueries queries;

    @Autowired
    OperationsFigures figures;

    /** Users of both organisations, made once for the class through the request topic. */
    record Fixture(UUID careUser, String careRequest, UUID careInvitation, String careImportRejected,
                   UUID omsorgUser, String omsorgRequest, UUID omsorgInvitation) {
    }

    @BeforeEach
    void users() {
        if (fixture != null) {
            return;
        }
        CreateUserRequest care = Requests.phoneSelfRegistration().setName("Grete Grænse").build();
        CreateUserRequest careImport = Requests.phoneSelfRegistration().setSource("hr-import")
                .setPhone("12345678").build();
        CreateUserRequest omsorg = Requests.phoneSelfRegistration().setOrganisationId("demo-omsorg")
                .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.relative").setName("Sven Svensson")
                .setLocale("sv").build();
        send(care);
        send(careImport);
        send(omsorg);
        UUID careUser = decided(care.getRequestId()).userId();
        assertThat(decided(careImport.getRequestId()).state()).isEqualTo(RequestState.State.FAILED);
        UUID omsorgUser = decided(omsorg.getRequestId()).userId();
        fixture = new Fixture(careUser, care.getRequestId(), invitationOf(careUser), careImport.getRequestId(),
                omsorgUser, omsorg.getRequestId(), invitationOf(omsorgUser));
    }

    @Test
    void aScopedAdministratorGetsTheNotFoundAnswerForEveryPageAndActionOnAnotherOrganisation() {
        Console console = Console.signIn(port, SCOPED_ADMIN, SCOPED_ADMIN_PASSWORD);
        UUID nobody = UUID.randomUUID();
        UUID noInvitation = UUID.randomUUID();

        // The users list and its drop-down: only Demo Omsorg, whichever organisation the link names.
        HttpResponse<String> list = console.get("/console/users?organisation=demo-care");
        assertThat(list.body()).contains("Sven Svensson").doesNotContain("Grete Grænse", "value=\"demo-care\"");
        assertSame(list, console.get("/console/users?organisation=no-such-organisation"));
        assertAudited("LIST_USERS", "demo-care", "demo-care");

        // The user page (with its history).
        assertSame(console.get("/console/users/" + fixture.careUser()), console.get("/console/users/" + nobody),
                fixture.careUser().toString(), nobody.toString());
        assertThat(console.get("/console/users/" + fixture.omsorgUser()).body()).contains("Sven Svensson");
        assertAudited("VIEW_USER", fixture.careUser().toString(), "demo-care");

        // The request page: a created user's request, and an HR import's rejection.
        for (String request : new String[] {fixture.careRequest(), fixture.careImportRejected()}) {
            String unknown = UUID.randomUUID().toString();
            HttpResponse<String> refused = console.get("/console/requests/" + request);
            assertThat(refused.headers().firstValue("Refresh")).as("answered as pending").contains("1");
            assertSame(refused, console.get("/console/requests/" + unknown), request, unknown);
            assertSame(console.get("/console/requests/" + request), refused);
            assertThat(auditCount("VIEW_REQUEST", request)).as("the page reloads itself: audited once a session")
                    .isEqualTo(1);
            assertAudited("VIEW_REQUEST", request, "demo-care");
        }
        assertThat(console.get("/console/requests/" + fixture.omsorgRequest()).headers().firstValue("Refresh")).isEmpty();

        // Resend and revoke: another organisation's invitation, whichever user the path names.
        for (String action : new String[] {"resend", "revoke"}) {
            String attempt = action.equals("resend") ? "RESEND_INVITATION" : "REVOKE_INVITATION";
            assertSameRedirect(
                    console.post("/console/users/" + fixture.careUser() + "/invitations/" + fixture.careInvitation()
                            + "/" + action, Map.of()),
                    console.post("/console/users/" + nobody + "/invitations/" + noInvitation + "/" + action, Map.of()),
                    fixture.careUser().toString(), nobody.toString());
            HttpResponse<String> viaOwnUser = console.post("/console/users/" + fixture.omsorgUser() + "/invitations/"
                    + fixture.careInvitation() + "/" + action, Map.of());
            String notice = noticeAfter(console, viaOwnUser);
            HttpResponse<String> unknownViaOwnUser = console.post("/console/users/" + fixture.omsorgUser()
                    + "/invitations/" + noInvitation + "/" + action, Map.of());
            assertSameRedirect(viaOwnUser, unknownViaOwnUser, "", "");
            assertThat(notice).isNotEmpty().isEqualTo(noticeAfter(console, unknownViaOwnUser));
            assertThat(auditCount(attempt, fixture.careInvitation().toString())).isEqualTo(2);
        }
        assertThat(liveInvitations(fixture.careUser())).containsExactly(fixture.careInvitation());

        // Create: an organisation outside the scope is not offered, and not accepted.
        assertThat(console.get("/console/users/new").body()).contains("value=\"demo-omsorg\"")
                .doesNotContain("value=\"demo-care\"");
        Map<String, String> form = new LinkedHashMap<>(Map.of("userType", "EMPLOYEE", "loginMethod", "STANDARD",
                "departmentId", "demo-care.home-care", "roleId", "demo-care.admin", "name", "Indtrænger",
                "username", "intruder." + nobody.toString().substring(0, 8), "password", "a long intruder passphrase"));
        form.put("organisationId", "demo-care");
        HttpResponse<String> created = console.post("/console/users", form);
        form.put("organisationId", "no-such-organisation");
        assertSame(created, console.post("/console/users", form));
        assertThat(created.statusCode()).isEqualTo(200);
        assertAudited("CREATE_USER", "demo-care", "demo-care");
        assertThat(jdbc.sql("select count(*) from audit_entry where requested_by = :by and outcome in ('CREATED', 'FAILED')")
                .param("by", SCOPED_ADMIN).query(Long.class).single()).as("nothing published").isZero();

        // Operations: no outbox and no dead letters (they belong to no known organisation), no replay.
        HttpResponse<String> operations = console.get("/console/operations");
        assertThat(operations.statusCode()).isEqualTo(200);
        assertThat(operations.body()).doesNotContain("id=\"dlt-heading\"", "id=\"outbox-backlog\"");
        assertSameRedirect(console.post("/console/operations/dead-letters/0/0/replay", Map.of()),
                console.post("/console/operations/dead-letters/0/999999999/replay", Map.of()), "", "");
        assertAudited("REPLAY_DEAD_LETTER", "0@0", null);
    }

    @Test
    void aScopedAdministratorCanChangeNoUserOfAnotherOrganisation() {
        Console console = Console.signIn(port, SCOPED_ADMIN, SCOPED_ADMIN_PASSWORD);
        UUID care = fixture.careUser();
        UUID nobody = UUID.randomUUID();
        String before = userRow(care);

        // Each change page, and each change posted as its form would post it: the answer for an unknown user.
        for (String action : List.of("move", "change-contact", "deactivate", "erase")) {
            assertSame(console.get("/console/users/" + care + "/" + action),
                    console.get("/console/users/" + nobody + "/" + action), care.toString(), nobody.toString());
        }
        Map<String, String> form = Map.of("expectedVersion", "0", "departmentId", "demo-care.nursing-home",
                "roleId", "demo-care.relative", "name", "Indtrænger", "reason", "out of scope", "confirmed", "true");
        for (String action : List.of("move", "change-contact", "deactivate", "reactivate", "erase")) {
            HttpResponse<String> refused = console.post("/console/users/" + care + "/" + action, form);
            assertThat(refused.statusCode()).as(action + ": nothing published, no request page").isEqualTo(200);
            assertSame(refused, console.post("/console/users/" + nobody + "/" + action, form), care.toString(),
                    nobody.toString());
        }
        assertSame(console.post("/console/users/" + care + "/scheduled/" + UUID.randomUUID() + "/cancel", form),
                console.post("/console/users/" + nobody + "/scheduled/" + UUID.randomUUID() + "/cancel", form),
                care.toString(), nobody.toString());
        assertAudited("CHANGE_USER", care.toString(), "demo-care");
        assertThat(auditCount("CHANGE_USER", care.toString())).isEqualTo(10);

        // The same change of its own organisation's user is published, and the worker makes it.
        CreateUserRequest own = Requests.phoneSelfRegistration().setOrganisationId("demo-omsorg")
                .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.relative").setName("Ida Egen")
                .setLocale("sv").build();
        send(own);
        UUID ownUser = decided(own.getRequestId()).userId();
        assertThat(console.get("/console/users/" + ownUser + "/deactivate").body()).contains("Ida Egen");
        HttpResponse<String> published = console.post("/console/users/" + ownUser + "/deactivate",
                Map.of("expectedVersion", String.valueOf(version(ownUser)), "reason", "in scope"));
        String location = published.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/console/requests/");
        assertThat(decided(location.substring(location.lastIndexOf('/') + 1)).state())
                .isEqualTo(RequestState.State.CHANGED);
        assertThat(userRow(care)).as("Demo Care's user unchanged").isEqualTo(before);
    }

    @Test
    void anApiClientBoundToOneOrganisationGetsTheNotFoundAnswerForEveryCallOnAnotherOrganisation() {
        UUID nobody = UUID.randomUUID();
        UUID noInvitation = UUID.randomUUID();
        String by = "Boundary Test [demo-omsorg-client]";

        assertSame(api("GET", "/api/admin/organisations/demo-care/users", SCOPED_TOKEN),
                api("GET", "/api/admin/organisations/no-such-organisation/users", SCOPED_TOKEN));
        assertThat(api("GET", "/api/admin/organisations/demo-care/users", SCOPED_TOKEN).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/admin/organisations/demo-omsorg/users", SCOPED_TOKEN).body()).contains("Sven Svensson");
        assertAudited("LIST_USERS", "demo-care", "demo-care", by);

        assertSame(api("GET", "/api/admin/users/" + fixture.careUser(), SCOPED_TOKEN),
                api("GET", "/api/admin/users/" + nobody, SCOPED_TOKEN));
        assertThat(api("GET", "/api/admin/users/" + fixture.omsorgUser(), SCOPED_TOKEN).statusCode()).isEqualTo(200);
        assertAudited("VIEW_USER", fixture.careUser().toString(), "demo-care", by);

        for (String request : new String[] {fixture.careRequest(), fixture.careImportRejected()}) {
            String unknown = UUID.randomUUID().toString();
            HttpResponse<String> refused = api("GET", "/api/admin/requests/" + request, SCOPED_TOKEN);
            assertThat(refused.body()).contains("\"PENDING\"");
            assertSame(refused, api("GET", "/api/admin/requests/" + unknown, SCOPED_TOKEN), request, unknown);
            assertAudited("VIEW_REQUEST", request, "demo-care", by);
            assertThat(api("GET", "/api/admin/requests/" + request, ALL_TOKEN).body()).doesNotContain("\"PENDING\"");
        }
        assertThat(api("GET", "/api/admin/requests/" + fixture.omsorgRequest(), SCOPED_TOKEN).body()).contains("\"CREATED\"");

        // A change of Demo Care's user (refused: an active user cannot be erased) is Demo Care's request.
        ChangeUserRequest change = Changes.of(fixture.careUser(), Changes.erase()).build();
        kafka.send(topics.userChanges(), Changes.key(change), change).join();
        assertThat(decided(change.getRequestId()).state()).isEqualTo(RequestState.State.FAILED);
        assertSame(api("GET", "/api/admin/requests/" + change.getRequestId(), SCOPED_TOKEN),
                api("GET", "/api/admin/requests/" + nobody, SCOPED_TOKEN), change.getRequestId(), nobody.toString());
        assertAudited("VIEW_REQUEST", change.getRequestId(), "demo-care", by);
        assertThat(api("GET", "/api/admin/requests/" + change.getRequestId(), ALL_TOKEN).body())
                .contains("\"FAILED\"", "NOT_DEACTIVATED");

        for (String action : new String[] {"resend", "revoke"}) {
            assertSame(api("POST", "/api/admin/invitations/" + fixture.careInvitation() + "/" + action, SCOPED_TOKEN),
                    api("POST", "/api/admin/invitations/" + noInvitation + "/" + action, SCOPED_TOKEN));
            assertAudited(action.equals("resend") ? "RESEND_INVITATION" : "REVOKE_INVITATION",
                    fixture.careInvitation().toString(), "demo-care", by);
        }
        assertThat(liveInvitations(fixture.careUser())).containsExactly(fixture.careInvitation());
        assertThat(api("POST", "/api/admin/invitations/" + fixture.omsorgInvitation() + "/revoke", SCOPED_TOKEN)
                .statusCode()).as("its own organisation's invitation").isEqualTo(204);
        assertThat(jdbc.sql("select requested_by from audit_entry where user_id = :id and outcome = 'INVITATION_REVOKED'")
                .param("id", fixture.omsorgUser()).query(String.class).list()).as("the client's name in the audit trail")
                .containsExactly(by);
    }

    @Test
    void theOperationsFiguresOfAScopeCountOnlyItsOrganisations() {
        OrganisationScope omsorg = new OrganisationScope(false, Set.of("demo-omsorg"));
        Instant since = Instant.now().minus(Duration.ofHours(3));
        // Other test classes may decide requests meanwhile: the figures lie between a count before and after.
        long decidedBefore = omsorgDecidedSince(since);
        long invitationsBefore = omsorgInvitations();
        OperationsFigures.Figures scoped = figures.over(Duration.ofHours(3), omsorg);
        OperationsFigures.Figures all = figures.over(Duration.ofHours(3), new OrganisationScope(true, Set.of()));

        assertThat(scoped.minutes().stream().mapToLong(minute -> minute.created() + minute.failed()).sum())
                .isPositive().isBetween(decidedBefore, omsorgDecidedSince(since));
        assertThat(scoped.invitationsByStatus().stream().mapToLong(OperationsFigures.Count::count).sum())
                .isBetween(invitationsBefore, omsorgInvitations());
        String careCode = queries.requestState(fixture.careImportRejected()).errors().getFirst().code();
        assertThat(count(scoped.failuresByCode(), careCode)).as("Demo Care's rejected HR import is not Demo Omsorg's")
                .isLessThan(count(all.failuresByCode(), careCode));
        assertThat(scoped.outbox()).as("the outbox belongs to no organisation").isNull();
        assertThat(all.outbox()).isNotNull();
    }

    private long omsorgDecidedSince(Instant since) {
        return jdbc.sql("""
                        select count(*) from audit_entry where outcome in ('CREATED', 'FAILED')
                        and organisation_id = 'demo-omsorg' and occurred_at >= :since""")
                .param("since", Timestamp.from(since)).query(Long.class).single();
    }

    private long omsorgInvitations() {
        return jdbc.sql("select count(*) from invitation i join app_user u on u.id = i.user_id "
                + "where u.organisation_id = 'demo-omsorg'").query(Long.class).single();
    }

    private static long count(List<OperationsFigures.Count> counts, String name) {
        return counts.stream().filter(count -> count.name().equals(name)).mapToLong(OperationsFigures.Count::count).sum();
    }

    private void assertAudited(String attempt, String id, String organisation) {
        assertAudited(attempt, id, organisation, SCOPED_ADMIN);
    }

    private void assertAudited(String attempt, String id, String organisation, String by) {
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where outcome = 'OUT_OF_SCOPE' and error_codes = :attempt
                        and request_id = :id and requested_by = :by and organisation_id is not distinct from :organisation""")
                .param("attempt", attempt).param("id", id).param("by", by).param("organisation", organisation)
                .query(Long.class).single()).as(attempt + " on " + id + " audited").isPositive();
    }

    private long auditCount(String attempt, String id) {
        return jdbc.sql("select count(*) from audit_entry where outcome = 'OUT_OF_SCOPE' and error_codes = :attempt "
                        + "and request_id = :id and requested_by = :by")
                .param("attempt", attempt).param("id", id).param("by", SCOPED_ADMIN).query(Long.class).single();
    }

    /** The user's row as a change would alter it: version, status, placement and contact details. */
    private String userRow(UUID userId) {
        return jdbc.sql("select concat_ws('|', version, status, department_id, role_id, name, phone) from app_user "
                + "where id = :id").param("id", userId).query(String.class).single();
    }

    private long version(UUID userId) {
        return jdbc.sql("select version from app_user where id = :id").param("id", userId).query(Long.class).single();
    }

    private List<UUID> liveInvitations(UUID userId) {
        return jdbc.sql("select id from invitation where user_id = :id and status in ('PENDING', 'SENT', 'DELIVERY_FAILED')")
                .param("id", userId).query(UUID.class).list();
    }

    /** The same status and body, once the CSRF tokens and the two ids (the one tried, the unknown one) are set aside. */
    private static void assertSame(HttpResponse<String> refused, HttpResponse<String> unknown, String refusedId,
                                   String unknownId) {
        assertThat(refused.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(normalised(refused.body(), refusedId)).isEqualTo(normalised(unknown.body(), unknownId));
    }

    private static void assertSame(HttpResponse<String> refused, HttpResponse<String> unknown) {
        assertSame(refused, unknown, "", "");
    }

    private static void assertSameRedirect(HttpResponse<String> refused, HttpResponse<String> unknown, String refusedId,
                                           String unknownId) {
        assertThat(refused.statusCode()).isEqualTo(302).isEqualTo(unknown.statusCode());
        assertThat(normalised(refused.headers().firstValue("Location").orElseThrow(), refusedId))
                .isEqualTo(normalised(unknown.headers().firstValue("Location").orElseThrow(), unknownId));
    }

    private static String normalised(String body, String id) {
        String text = CSRF.matcher(body).replaceAll("name=\"_csrf\" value=\"…\"");
        return id.isEmpty() ? text : text.replace(id, "<id>");
    }

    /** The notice the page after a redirect shows. */
    private static String noticeAfter(Console console, HttpResponse<String> redirect) {
        String body = console.get(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getPath()).body();
        Matcher notice = Pattern.compile("<p class=\"notice\"[^>]*>([^<]*)</p>").matcher(body);
        return notice.find() ? notice.group(1) : "";
    }

    private RequestState decided(String requestId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(requestId),
                state -> state.state() != RequestState.State.PENDING);
    }

    private UUID invitationOf(UUID userId) {
        return jdbc.sql("select id from invitation where user_id = :id").param("id", userId).query(UUID.class).single();
    }

    private HttpResponse<String> api(String method, String path, String token) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("X-Requested-By", "Boundary Test")
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A console session over plain HTTP, as a browser holds it: the session cookie and a page's CSRF token. */
    private record Console(HttpClient client, String base) {

        static Console signIn(int port, String username, String password) {
            var console = new Console(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build(), "http://localhost:" + port);
            HttpResponse<String> signedIn = console.post("/console/login", Map.of("username", username,
                    "password", password));
            assertThat(signedIn.headers().firstValue("Location")).as("signed in").hasValueSatisfying(
                    location -> assertThat(location).doesNotContain("error"));
            return console;
        }

        HttpResponse<String> get(String path) {
            return send(client, HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        /** A form post with a CSRF token from a page of the session, as the console's own forms send it. */
        HttpResponse<String> post(String path, Map<String, String> fields) {
            Matcher token = CSRF.matcher(get("/console/login").body());
            assertThat(token.find()).as("a CSRF token").isTrue();
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", token.group(1));
            String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return send(client, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
