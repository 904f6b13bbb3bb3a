package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.registration.Invitee;
import dk.care.provisioning.testing.Browser;
import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.Move;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in headless Chromium on the real broker, registry and database: sign in, create one user
 * per login method through the form and watch each outcome arrive, see an invalid one's codes at their
 * fields, resend an invitation, move, deactivate, reactivate and erase a user (whose invitation link stops
 * working while deactivated), and replay a dead letter once its cause is fixed. Each page must pass
 * the axe-core WCAG 2.1 AA check; the screenshots go to {@link Browser#screenshots}.
 */
class ConsoleBrowserTest extends WorkerIntegrationTest {

    private static final Path SCREENSHOTS = Browser.screenshots("console");
    private static final String ADMIN = "demo-admin";
    private static final String ADMIN_PASSWORD = "console-demo-password";
    private static final String SCOPED_ADMIN = "demo-omsorg-admin";
    private static final String SCOPED_ADMIN_PASSWORD = "omsorg-demo-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AdminQueries queries;

    @Autowired
    DeadLetters deadLetters;

    @Test
    void anAdministratorCreatesAUserPerLoginMethodSeesErrorsAtTheirFieldsAndResendsAnInvitation() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String phone = Requests.uniquePhone();
        try (Browser browser = Browser.open(Browser.DESKTOP, "da");
             var requests = OutcomeConsumer.fromEnd(bootstrapServers(), registryUrl(), topics.requests())) {
            browser.get(url("/console/users"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
            checked(browser, "login");
            signIn(browser, ADMIN, ADMIN_PASSWORD, By.cssSelector("form #organisation"));
            assertThat(browser.driver().getCurrentUrl()).as(browser.driver().getPageSource()).contains("/console/users");

            String phoneRequest = create(browser, "RELATIVE", "PHONE_SELF_REGISTRATION", "demo-care.relative",
                    Map.of("phone", phone, "name", "Karen Konsol " + suffix), "create-step2-phone");
            assertOutcome(browser, "CREATED");
            checked(browser, "created");
            create(browser, "EMPLOYEE", "STANDARD", "demo-care.caregiver", Map.of("name", "Jens Konsol " + suffix,
                    "email", "jens." + suffix + "@example.org", "phone", "+4531234567", "username", "jens.k." + suffix,
                    "password", "a long console passphrase"), null);
            assertOutcome(browser, "CREATED");
            create(browser, "EMPLOYEE", "MITID", "demo-care.caregiver", Map.of("name", "Mette Konsol " + suffix,
                    "email", "mette." + suffix + "@example.org", "cpr", Requests.uniqueCpr()), "create-step2-mitid");
            assertOutcome(browser, "CREATED");

            CreateUserRequest sent = requests.awaitOutcome(phoneRequest, CreateUserRequest.class);
            assertThat(sent.getSource()).isEqualTo("admin-console");
            assertThat(sent.getRequestedBy()).isEqualTo(ADMIN);

            create(browser, "EMPLOYEE", "STANDARD", "demo-care.caregiver", Map.of("name", "Ugyldig " + suffix,
                    "email", "not-an-address", "phone", "12345678", "username", "x", "password", "short"), null);
            assertOutcome(browser, "FAILED");
            assertThat(fieldErrors(browser)).containsOnlyKeys("email", "phone", "username", "password");
            assertThat(fieldErrors(browser).get("email")).contains("e-mailadresse");
            assertThat(browser.driver().findElements(By.cssSelector("#error-summary a"))).hasSize(4);
            assertThat(browser.driver().findElement(By.id("email")).getAttribute("value")).isEqualTo("not-an-address");
            assertThat(browser.driver().findElement(By.id("password")).getAttribute("value")).isEmpty();
            checked(browser, "create-rejected");

            browser.get(url("/console/users?organisation=demo-care&q=" + suffix));
            assertThat(browser.driver().findElements(By.cssSelector("tbody tr"))).hasSize(3);
            checked(browser, "users");

            UUID userId = queries.requestState(phoneRequest).userId();
            browser.get(url("/console/users/" + userId));
            browser.clickThrough(browser.driver().findElement(By.id("resend")), By.cssSelector(".notice"));
            assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText()).contains("ny invitation");
            assertThat(browser.driver().findElement(By.id("history")).getText()).contains("Invitation sendt igen", ADMIN);
            checked(browser, "user");
            assertThat(jdbc.sql("select count(*) from audit_entry where user_id = :id and outcome = 'INVITATION_RESENT' "
                    + "and requested_by = :by").param("id", userId).param("by", ADMIN).query(Long.class).single())
                    .isEqualTo(1);
        }
    }

    @Test
    void anAdministratorMovesAndDeactivatesAUserWhoseInvitationThenStopsWorkingReactivatesAndErasesThem()
            throws Exception {
        Invitee invitee = Invitee.invite(this::send, request -> request.setName("Jens Hansen"));
        UUID userId = await().atMost(Duration.ofSeconds(30)).until(
                () -> queries.requestState(invitee.request().getRequestId()).userId(), id -> id != null);
        try (Browser browser = Browser.open(Browser.DESKTOP, "en");
             var changes = OutcomeConsumer.fromEnd(bootstrapServers(), registryUrl(), topics.userChanges())) {
            browser.get(url("/console/login"));
            signIn(browser, ADMIN, ADMIN_PASSWORD, By.cssSelector("form #organisation"));
            openUser(browser, userId, "action-move");
            assertThat(actions(browser)).containsExactly("action-move", "action-change-contact", "action-deactivate");

            // An HR system has dated his leaving a month ahead; the administrator withdraws it.
            ChangeUserRequest dated = Changes.of(userId, Changes.deactivate())
                    .setEffectiveAt(Instant.now().plus(Duration.ofDays(30))).build();
            kafka.send(topics.userChanges(), Changes.key(dated), dated).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(dated.getRequestId()).state(),
                    state -> state == RequestState.State.SCHEDULED);
            openUser(browser, userId, "scheduled");
            assertThat(browser.driver().findElement(By.id("scheduled")).getText())
                    .contains("Deactivate", "hr.tester via hr-test", dated.getRequestId());
            checked(browser, "user-scheduled");
            browser.clickThrough(browser.driver().findElement(By.cssSelector("#scheduled button")), By.id("outcome"));
            assertOutcome(browser, "CHANGED");
            openUser(browser, userId, "action-move");
            assertThat(browser.driver().findElements(By.id("scheduled"))).as("withdrawn").isEmpty();

            // Move: the organisation's active departments, the roles a relative may hold.
            browser.clickThrough(browser.driver().findElement(By.id("action-move")), By.id("departmentId"));
            assertThat(options(browser, "departmentId")).containsExactly("demo-care.home-care", "demo-care.nursing-home");
            assertThat(options(browser, "roleId")).containsExactly("demo-care.relative");
            new Select(browser.driver().findElement(By.id("departmentId"))).selectByValue("demo-care.nursing-home");
            checked(browser, "user-move");
            // Meanwhile an HR system changes him: the version the page showed is no longer his.
            ChangeUserRequest hr = Changes.of(userId, Changes.contact().setEmail("jens.hansen@example.org").build())
                    .build();
            kafka.send(topics.userChanges(), Changes.key(hr), hr).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(hr.getRequestId()).state(),
                    state -> state == RequestState.State.CHANGED);
            submitChange(browser);
            assertOutcome(browser, "FAILED");
            assertThat(browser.driver().findElement(By.id("error-summary")).getText())
                    .contains("Someone changed the user after you opened the page");
            assertThat(new Select(browser.driver().findElement(By.id("departmentId"))).getFirstSelectedOption()
                    .getAttribute("value")).as("the choice kept").isEqualTo("demo-care.nursing-home");
            checked(browser, "user-move-conflict");
            submitChange(browser);
            assertOutcome(browser, "CHANGED");
            assertThat(browser.driver().findElement(By.id("outcome")).getText()).contains("Nursing home");
            checked(browser, "user-moved");
            ChangeUserRequest move = (ChangeUserRequest) await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes.values(userId.toString()), sent -> sent.size() == 5).getLast();
            assertThat(move.getSource()).isEqualTo("admin-console");
            assertThat(move.getRequestedBy()).isEqualTo(ADMIN);
            assertThat(move.getChange()).isInstanceOf(Move.class);

            // Contact details: the worker's rules judge them, and its errors come back at their fields.
            openUser(browser, userId, "action-change-contact");
            browser.clickThrough(browser.driver().findElement(By.id("action-change-contact")), By.id("phone"));
            browser.driver().findElement(By.id("phone")).clear();
            browser.driver().findElement(By.id("phone")).sendKeys("12345678");
            submitChange(browser);
            assertOutcome(browser, "FAILED");
            assertThat(fieldErrors(browser)).containsOnlyKeys("phone");
            assertThat(browser.driver().findElement(By.id("phone")).getAttribute("value")).isEqualTo("12345678");
            checked(browser, "user-contact-rejected");

            // Deactivate, with a reason: the leaver's invitation link stops working.
            openUser(browser, userId, "action-deactivate");
            browser.clickThrough(browser.driver().findElement(By.id("action-deactivate")), By.id("reason"));
            browser.driver().findElement(By.id("reason")).sendKeys("Left on 31 December");
            checked(browser, "user-deactivate");
            submitChange(browser);
            assertOutcome(browser, "CHANGED");
            openUser(browser, userId, "action-reactivate");
            assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Deactivated");
            assertThat(actions(browser)).containsExactlyInAnyOrder("action-reactivate", "action-erase");
            checked(browser, "user-deactivated");
            try (Browser phone = Browser.open(Browser.PHONE, "en")) {
                phone.get(url(invitee.pathAndFragment()));
                phone.await(Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"),
                        "The invitation is no longer valid"));
                phone.awaitLoaded();
                checked(phone, "invitation-no-longer-valid");
            }

            // Reactivate: back to awaiting self-registration.
            browser.clickThrough(browser.driver().findElement(By.id("action-reactivate")), By.id("outcome"));
            assertOutcome(browser, "CHANGED");
            openUser(browser, userId, "action-deactivate");
            assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Awaiting self-registration");
            checked(browser, "user-reactivated");

            // Erase, after deactivating again: a confirmation that names the person, then nothing personal left.
            browser.clickThrough(browser.driver().findElement(By.id("action-deactivate")), By.id("reason"));
            submitChange(browser);
            assertOutcome(browser, "CHANGED");
            openUser(browser, userId, "action-erase");
            browser.clickThrough(browser.driver().findElement(By.id("action-erase")), By.id("confirmed"));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Erase Jens Hansen?");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("This cannot be undone.");
            checked(browser, "user-erase");
            submitChange(browser);
            assertThat(browser.driver().findElement(By.id("confirmed-error")).getText())
                    .isEqualTo("Tick the box to confirm the erasure.");
            browser.driver().findElement(By.id("confirmed")).click();
            submitChange(browser);
            assertOutcome(browser, "CHANGED");
            openUser(browser, userId, "history");
            assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Erased");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("Jens Hansen",
                    invitee.request().getPhone(), "jens.hansen@example.org");
            assertThat(actions(browser)).isEmpty();
            assertThat(browser.driver().findElement(By.id("history")).getText()).contains(ADMIN);
            checked(browser, "user-erased");

            // The cancellation, two moves (one refused), the contact details, deactivate, reactivate, deactivate,
            // erase; and HR's two.
            assertThat(changes.values(userId.toString())).hasSize(10).filteredOn(
                    sent -> "admin-console".equals(((ChangeUserRequest) sent).getSource())).hasSize(8).allSatisfy(sent -> {
                assertThat(((ChangeUserRequest) sent).getRequestedBy()).isEqualTo(ADMIN);
                assertThat(((ChangeUserRequest) sent).getExpectedVersion()).isNotNull();
            });
        }
    }

    @Test
    void anAdministratorOfOneOrganisationSeesOnlyItInEveryListAndDropDown() throws Exception {
        // A user in each organisation, so that every list would show Demo Care's if it could.
        CreateUserRequest care = Requests.phoneSelfRegistration().setName("Dorte Demo Care").build();
        CreateUserRequest omsorg = Requests.phoneSelfRegistration().setOrganisationId("demo-omsorg")
                .setDepartmentId("demo-omsorg.hemtjanst").setRoleId("demo-omsorg.relative").setName("Sofia Omsorg")
                .setLocale("sv").build();
        send(care);
        send(omsorg);
        UUID careUser = null;
        for (CreateUserRequest request : List.of(care, omsorg)) {
            RequestState state = await().atMost(Duration.ofSeconds(30)).until(
                    () -> queries.requestState(request.getRequestId()), decided -> decided.state() != RequestState.State.PENDING);
            assertThat(state.state()).isEqualTo(RequestState.State.CREATED);
            careUser = careUser == null ? state.userId() : careUser;
        }
        try (Browser browser = Browser.open(Browser.DESKTOP, "da")) {
            browser.get(url("/console/users"));
            signIn(browser, SCOPED_ADMIN, SCOPED_ADMIN_PASSWORD, By.cssSelector("form #organisation"));
            for (String users : List.of("/console/users", "/console/users?organisation=demo-care")) {
                browser.get(url(users));
                assertThat(options(browser, "organisation")).containsExactly("demo-omsorg");
                assertThat(options(browser, "department")).filteredOn(id -> !id.isEmpty())
                        .isNotEmpty().allMatch(id -> id.startsWith("demo-omsorg."));
                List<String> departments = browser.driver().findElements(By.cssSelector("tbody tr td:nth-child(3)"))
                        .stream().map(WebElement::getText).toList();
                assertThat(departments).as("Demo Omsorg's one department, by name").isNotEmpty()
                        .allMatch("Hemtjänst"::equals);
                assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Sofia Omsorg")
                        .doesNotContain("Dorte Demo Care");
            }
            checked(browser, "scoped-users");

            browser.get(url("/console/users/new"));
            assertThat(options(browser, "organisation")).containsExactly("demo-omsorg");
            checked(browser, "scoped-create-step1");
            browser.driver().findElement(By.id("type-RELATIVE")).click();
            browser.driver().findElement(By.id("method-PHONE_SELF_REGISTRATION")).click();
            browser.clickThrough(browser.driver().findElement(By.cssSelector("form button[type=submit]:not(.link)")),
                    By.id("departmentId"));
            assertThat(options(browser, "departmentId")).filteredOn(id -> !id.isEmpty())
                    .containsExactly("demo-omsorg.hemtjanst");
            assertThat(options(browser, "roleId")).filteredOn(id -> !id.isEmpty()).containsExactly("demo-omsorg.relative");
            checked(browser, "scoped-create-step2");

            browser.get(url("/console/operations"));
            assertThat(browser.driver().findElements(By.id("dlt-heading"))).as("dead letters: all organisations only")
                    .isEmpty();
            assertThat(browser.driver().findElements(By.id("outbox-backlog"))).isEmpty();
            checked(browser, "scoped-operations");

            browser.get(url("/console/users/" + careUser));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Ikke fundet");
            assertThat(browser.driver().getPageSource()).doesNotContain("Dorte Demo Care");
        }
    }

    @Test
    void anOperatorReplaysADeadLetterOnceAfterTheMissingSchemaIsRegistered() throws Exception {
        // Every schema the worker writes is registered first, so that the id after the probe's stays free.
        CreateUserRequest warmUp = Requests.phoneSelfRegistration().build();
        CreateUserRequest invalid = Requests.phoneSelfRegistration().setPhone("12345678").build();
        send(warmUp);
        send(invalid);
        for (String id : List.of(warmUp.getRequestId(), invalid.getRequestId())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(id).state(),
                    state -> state != RequestState.State.PENDING);
        }
        // Nothing left for the relay; rows set aside by other tests of this context never will be sent.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from outbox_message where sent_at is null and set_aside_at is null")
                .query(Long.class).single() == 0);
        // An HR system registered its new request schema in another registry: the worker cannot read its record.
        Schema newer = withCostCentre(CreateUserRequest.getClassSchema());
        int nextId = register("console-test-probe-" + UUID.randomUUID() + "-value",
                Schema.createRecord("Probe" + UUID.randomUUID().toString().replace("-", ""), null, "test", false,
                        List.of())) + 1;
        CreateUserRequest request = Requests.phoneSelfRegistration().setSource("hr-sync").build();
        send(request.getRequestId(), wireFormat(nextId, newer, request));
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.requestState(request.getRequestId()).state(),
                state -> state == RequestState.State.FAILED);

        try (Browser browser = Browser.open(Browser.DESKTOP, "en")) {
            browser.get(url("/console/login"));
            signIn(browser, "demo-operator", "operator-demo-password", By.id("dlt-heading"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/operations");
            browser.get(url("/console/users/new"));
            assertThat(browser.driver().getPageSource()).doesNotContain("organisation");

            browser.get(url("/console/operations"));
            WebElement deadLetter = deadLetterOf(browser.driver(), request.getRequestId());
            assertThat(deadLetter.getText()).contains("Unknown schema id " + nextId, "kafka_dlt-original-offset");
            checked(browser, "operations");

            assertThat(register(topics.requests() + "-value", newer)).isEqualTo(nextId);
            browser.clickThrough(deadLetter.findElement(By.cssSelector("button.replay")), By.cssSelector(".notice"));
            assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText()).contains("was replayed");
            assertThat(deadLetterOf(browser.driver(), request.getRequestId()).getText()).contains("by demo-operator");
            assertThat(deadLetterOf(browser.driver(), request.getRequestId()).findElements(By.cssSelector("button")))
                    .isEmpty();
            checked(browser, "operations-replayed");
        }
        RequestState replayed = await().atMost(Duration.ofSeconds(30)).until(
                () -> queries.requestState(request.getRequestId()), state -> state.state() == RequestState.State.CREATED);
        assertThat(replayed.userId()).isNotNull();

        var letter = deadLetters.latest().stream().filter(d -> request.getRequestId().equals(d.key())).findFirst()
                .orElseThrow();
        assertThat(deadLetters.replay(letter.partition(), letter.offset(), "someone else"))
                .isEqualTo(DeadLetters.Replayed.ALREADY_REPLAYED);
        assertThat(jdbc.sql("select requested_by from audit_entry where request_id = :id and outcome = 'DEAD_LETTER_REPLAYED'")
                .param("id", request.getRequestId()).query(String.class).list()).containsExactly("demo-operator");
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/console/operations/dead-letters/0/0/replay")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> forgedChange = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/console/users/" + UUID.randomUUID() + "/deactivate")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forgedChange.statusCode()).isEqualTo(403);
    }

    private String create(Browser browser, String type, String method, String role, Map<String, String> fields,
                          String screenshot) {
        browser.get(url("/console/users/new"));
        new Select(browser.driver().findElement(By.id("organisation"))).selectByValue("demo-care");
        browser.driver().findElement(By.id("type-" + type)).click();
        browser.driver().findElement(By.id("method-" + method)).click();
        if ("PHONE_SELF_REGISTRATION".equals(method)) {
            checked(browser, "create-step1");
        }
        browser.clickThrough(browser.driver().findElement(By.cssSelector("form button[type=submit]:not(.link)")),
                By.id("departmentId"));
        new Select(browser.driver().findElement(By.id("departmentId"))).selectByValue("demo-care.home-care");
        Select roles = new Select(browser.driver().findElement(By.id("roleId")));
        assertThat(roles.getOptions()).extracting(option -> option.getAttribute("value")).containsExactly(role);
        List<String> present = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("main input:not([type=hidden]):not([type=checkbox])"))
                .forEach(input -> present.add(input.getAttribute("name")));
        assertThat(present).containsAll(fields.keySet()).doesNotContain(
                "PHONE_SELF_REGISTRATION".equals(method) ? "password" : "MITID".equals(method) ? "username" : "cpr");
        fields.forEach((name, value) -> browser.driver().findElement(By.id(name)).sendKeys(value));
        if (screenshot != null) {
            checked(browser, screenshot);
        }
        // The outcome page, or the form again with its error summary when the console refuses it itself.
        browser.clickThrough(browser.driver().findElement(By.cssSelector("main form button[type=submit]")),
                By.cssSelector("#outcome, #error-summary"));
        String current = browser.driver().getCurrentUrl();
        return current.substring(current.lastIndexOf('/') + 1);
    }

    /** Submits a change page's form and waits for what comes next: the request page, or the page again. */
    private static void submitChange(Browser browser) {
        browser.clickThrough(browser.driver().findElement(By.id("submit-change")),
                By.cssSelector("#outcome, #error-summary, .field-error"));
    }

    private void openUser(Browser browser, UUID userId, String shown) {
        browser.get(url("/console/users/" + userId));
        browser.await(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.id(shown)).isEmpty());
    }

    /** The ids of the change buttons the user's page offers. */
    private static List<String> actions(Browser browser) {
        return browser.driver().findElements(By.cssSelector("[id^=action-]")).stream()
                .map(button -> button.getAttribute("id")).toList();
    }

    /** Waits for the outcome page to stop waiting, and returns the state it shows. */
    private static String outcome(Browser browser) {
        return browser.await(Duration.ofSeconds(30)).until(driver -> {
            List<WebElement> outcome = driver.findElements(By.id("outcome"));
            if (!outcome.isEmpty() && !"PENDING".equals(outcome.getFirst().getAttribute("data-state"))) {
                return outcome.getFirst().getAttribute("data-state");
            }
            return driver.findElements(By.id("error-summary")).isEmpty() ? null : "FAILED";
        });
    }

    private static void assertOutcome(Browser browser, String expected) {
        String state = outcome(browser);
        assertThat(state).as("the outcome; the page said: %s", browser.driver().findElement(By.tagName("main")).getText())
                .isEqualTo(expected);
    }

    private static Map<String, String> fieldErrors(Browser browser) {
        Map<String, String> errors = new HashMap<>();
        browser.driver().findElements(By.cssSelector(".field-error"))
                .forEach(error -> errors.put(error.getAttribute("id").replace("-error", ""), error.getText()));
        return errors;
    }

    private static List<String> options(Browser browser, String select) {
        return new Select(browser.driver().findElement(By.id(select))).getOptions().stream()
                .map(option -> option.getAttribute("value")).toList();
    }

    private static WebElement deadLetterOf(WebDriver driver, String key) {
        return driver.findElements(By.cssSelector("article.dead-letter")).stream()
                .filter(article -> article.getText().contains(key)).findFirst().orElseThrow();
    }

    /** Signs in and waits for the landing page, recognised by {@code landing}. */
    private static void signIn(Browser browser, String username, String password, By landing) {
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.clickThrough(browser.driver().findElement(By.cssSelector("main form button[type=submit]")), landing);
    }

    /** The page passes the accessibility check; its screenshot is taken. */
    private static void checked(Browser browser, String name) {
        assertThat(browser.seriousAccessibilityViolations()).as(name).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Schema withCostCentre(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("costCentre", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static byte[] wireFormat(int schemaId, Schema schema, CreateUserRequest request) throws Exception {
        GenericRecord record = new GenericData.Record(schema);
        request.getSchema().getFields().forEach(field -> record.put(field.name(), request.get(field.name())));
        var model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        var out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private int register(String subject, Schema schema) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema.toString()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asInt();
    }

    private void send(String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.requests(), key, value)).get();
        }
    }
}
