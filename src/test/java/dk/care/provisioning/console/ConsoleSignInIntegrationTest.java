package dk.care.provisioning.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.query.AdminQueries;
import dk.care.provisioning.query.RequestState;
import dk.care.provisioning.testing.Browser;
import dk.care.provisioning.testing.Http;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console sign-in on the running worker, over HTTP and in a browser: a flood of wrong passwords is cut
 * off by the attempt budgets before any hash while the heap stays bounded and Kafka requests keep being
 * provisioned; the right password works again once the budget refills; the session cookie and HSTS
 * behind a TLS proxy; and sign-in, roles, organisations and sign-out through a real OpenID provider.
 */
// A context of its own (an OpenID provider, a trusted proxy, short sign-in windows): closed after the class.
@DirtiesContext
class ConsoleSignInIntegrationTest extends WorkerIntegrationTest {

    private static final Path SCREENSHOTS = Browser.screenshots("console");
    private static final int ACCOUNT_LIMIT = 5;
    private static final int ADDRESS_LIMIT = 20;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** What 200 parallel sign-ins may add to the heap in use: two Argon2id verifications at once take 38 MiB. */
    private static final long HEAP_BOUND = 300L << 20;
    /** How long a request on Kafka may take to be provisioned while the console is flooded. */
    private static final Duration PROVISIONED_WITHIN = Duration.ofSeconds(20);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static OpenIdProvider provider;

    @LocalServerPort
    int port;

    @Autowired
    AdminQueries queries;

    @Autowired
    WebServerApplicationContext server;

    @DynamicPropertySource
    static void signIn(DynamicPropertyRegistry properties) {
        provider = OpenIdProvider.start(Map.of(
                "oidc-anna", new OpenIdProvider.Person("anna-at-the-provider", List.of("USER_ADMIN", "SOMETHING_ELSE"),
                        List.of("demo-care"))));
        String registration = "spring.security.oauth2.client.registration.test-idp.";
        properties.add(registration + "provider", () -> "test-idp");
        properties.add(registration + "client-name", () -> "Test IdP");
        properties.add(registration + "client-id", () -> OpenIdProvider.CLIENT_ID);
        properties.add(registration + "client-secret", () -> OpenIdProvider.CLIENT_SECRET);
        properties.add(registration + "scope", () -> "openid,profile");
        properties.add(registration + "redirect-uri", () -> "{baseUrl}/console/login/oauth2/code/{registrationId}");
        properties.add("spring.security.oauth2.client.provider.test-idp.issuer-uri", provider::issuer);
        properties.add("spring.security.oauth2.client.provider.test-idp.user-name-attribute", () -> "preferred_username");
        // The test's HTTP client plays the TLS-terminating proxy in front of the worker.
        properties.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
        properties.add("provisioning.console.sign-in.max-attempts-per-account", () -> ACCOUNT_LIMIT);
        properties.add("provisioning.console.sign-in.max-attempts-per-address", () -> ADDRESS_LIMIT);
        properties.add("provisioning.console.sign-in.window", () -> WINDOW.toSeconds() + "s");
        properties.add("provisioning.console.sign-in.verification-wait", () -> "30s");
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void consoleAtItsPort() {
        OpenIdProvider.consoleAt("http://localhost:" + port);
    }

    @Test
    void aFloodOfWrongPasswordsIsCutOffBeforeHashingWhileRequestsOnKafkaAreStillProvisioned() throws Exception {
        var client = new Client("198.51.100.1");
        String csrf = client.csrf();
        long heapBefore = heapInUse();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (flooding.get()) {
                heapPeak.accumulateAndGet(heapInUse(), Math::max);
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        });
        CreateUserRequest request = Requests.phoneSelfRegistration().build();
        var start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        long began = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                // Each from another address: the account's budget holds whatever the address.
                String address = "203.0." + (113 + i / 250) + "." + (1 + i % 250);
                answers.add(threads.submit(() -> {
                    start.await();
                    return client.signIn("demo-admin", "wrong password", csrf, address, null);
                }));
            }
            start.countDown();
            send(request);
        }
        Duration flood = Duration.ofNanos(System.nanoTime() - began);
        RequestState provisioned = await().atMost(PROVISIONED_WITHIN).until(() -> queries.requestState(
                request.getRequestId()), state -> state.state() != RequestState.State.PENDING);
        Duration provisionedAfter = Duration.ofNanos(System.nanoTime() - began);
        flooding.set(false);
        sampler.join();

        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        long verified = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            statuses.merge(response.statusCode(), 1L, Long::sum);
            if (response.statusCode() == 302) {
                assertThat(response.headers().firstValue("location")).hasValueSatisfying(
                        location -> assertThat(location).endsWith("/console/login?error"));
                verified++;
            }
        }
        // The budget refills one attempt per window / limit while the flood lasts.
        long refilled = flood.toNanos() / WINDOW.dividedBy(ACCOUNT_LIMIT).toNanos();
        System.out.printf("sign-in flood: %s in %d ms, heap in use %d MB before, peak %d MB; Kafka request %s after %d ms%n",
                statuses, flood.toMillis(), heapBefore >> 20, heapPeak.get() >> 20, provisioned.state(),
                provisionedAfter.toMillis());
        assertThat(verified).isBetween((long) ACCOUNT_LIMIT, ACCOUNT_LIMIT + refilled + 1);
        assertThat(statuses).containsOnlyKeys(302, 429).containsEntry(429, 200 - verified);
        assertThat(heapPeak.get() - heapBefore).as("heap added by the flood").isLessThan(HEAP_BOUND);
        assertThat(provisioned.state()).isEqualTo(RequestState.State.CREATED);
        assertThat(audited("SIGN_IN_FAILED", "demo-admin")).isEqualTo(verified);
        assertThat(audited("SIGN_IN_LIMITED", "demo-admin")).isPositive();

        HttpResponse<String> signedIn = await().atMost(WINDOW.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.signIn("demo-admin", "console-demo-password", csrf, "198.51.100.2", null),
                        response -> response.statusCode() == 302);
        assertThat(signedIn.headers().firstValue("location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console"));
        assertThat(audited("SIGN_IN_SUCCEEDED", "demo-admin")).isEqualTo(1);
    }

    @Test
    void oneAddressGetsItsBudgetOfAttemptsWhateverTheNamesItTries() throws Exception {
        var client = new Client("198.51.100.3");
        String csrf = client.csrf();

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        long began = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ADDRESS_LIMIT + 10; i++) {
                String name = "nobody-" + i;
                answers.add(threads.submit(() -> client.signIn(name, "guess", csrf, "198.51.100.3", null)));
            }
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get());
        }

        // The budget refills one attempt per WINDOW / ADDRESS_LIMIT while the burst lasts: a moment on an
        // idle machine, longer on a loaded one, so the bound is what the limiter may have refilled by then.
        long refilled = (System.nanoTime() - began) / WINDOW.dividedBy(ADDRESS_LIMIT).toNanos();
        assertThat(responses).filteredOn(response -> response.statusCode() == 302).hasSizeBetween(ADDRESS_LIMIT,
                ADDRESS_LIMIT + (int) refilled + 1);
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(302, 429);
        HttpResponse<String> refused = responses.stream().filter(response -> response.statusCode() == 429).findFirst()
                .orElseThrow();
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(refused.body()).contains("Too many sign-in attempts", "name=\"username\"");
        assertThat(audited("SIGN_IN_FAILED", SignInAudit.UNKNOWN_ACCOUNT)).isGreaterThanOrEqualTo(ADDRESS_LIMIT);
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureHttpOnlyAndSameSiteAndTheAnswerAsksForHttpsOnly() {
        var client = new Client("198.51.100.4");

        HttpResponse<String> secure = client.get("/console/login", "https");
        HttpResponse<String> plain = new Client("198.51.100.5").get("/console/login", null);

        assertThat(secure.headers().allValues("set-cookie")).singleElement().asString()
                .startsWith("JSESSIONID=").contains("; Secure", "; HttpOnly", "; SameSite=Lax");
        assertThat(secure.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
        assertThat(plain.headers().allValues("set-cookie")).singleElement().asString()
                .contains("; HttpOnly", "; SameSite=Lax").doesNotContain("Secure");
        assertThat(plain.headers().firstValue("strict-transport-security")).isEmpty();
        String sessionId = secure.headers().firstValue("set-cookie").orElseThrow().replaceAll("^JSESSIONID=([^;]+);.*", "$1");
        assertThat(session(sessionId).getMaxInactiveInterval()).as("idle timeout, seconds").isEqualTo(15 * 60);
    }

    @Test
    void signsInThroughTheOpenIdProviderWithRolesAndOrganisationsFromItsClaimsAndSignsOutThere() {
        try (Browser browser = Browser.open(Browser.DESKTOP, "en")) {
            browser.get(url("/console/login"));
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot(SCREENSHOTS.resolve("login-with-provider.png"));
            browser.driver().findElement(By.cssSelector("a.provider")).click();
            browser.await(Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(provider.issuer()));
            browser.driver().findElement(By.id("username")).sendKeys("oidc-anna");
            browser.driver().findElement(By.id("password")).sendKeys("anna-at-the-provider");
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(url("/console/users")));
            assertThat(browser.driver().getPageSource()).contains("oidc-anna");
            browser.screenshot(SCREENSHOTS.resolve("signed-in-with-provider.png"));

            SecurityContext signedIn = (SecurityContext) session(browser.driver().manage().getCookieNamed("JSESSIONID")
                    .getValue()).getSession().getAttribute("SPRING_SECURITY_CONTEXT");
            assertThat(signedIn.getAuthentication().getName()).isEqualTo("oidc-anna");
            assertThat(signedIn.getAuthentication().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                    .containsExactlyInAnyOrder("ROLE_USER_ADMIN", "ORG_demo-care");
            assertThat(audited("SIGN_IN_SUCCEEDED", "oidc-anna")).isEqualTo(1);
            browser.get(url("/console/operations"));
            assertThat(browser.driver().getPageSource()).doesNotContain("dead-letter");

            browser.get(url("/console/users"));
            browser.driver().findElement(By.cssSelector("header form button")).click();
            browser.await(Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().endsWith("/console/login?signed-out"));
            browser.get(url("/console/users"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
            browser.driver().findElement(By.cssSelector("a.provider")).click();
            browser.await(Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(provider.issuer()));
            assertThat(browser.driver().findElements(By.id("password"))).as("the provider asks for the password again")
                    .isNotEmpty();
        }
    }

    private long audited(String outcome, String person) {
        return jdbc.sql("select count(*) from audit_entry where source = :source and outcome = :outcome and requested_by = :person")
                .param("source", SignInAudit.SOURCE).param("outcome", outcome).param("person", person)
                .query(Long.class).single();
    }

    private Session session(String id) {
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        try {
            Session session = context.getManager().findSession(id);
            assertThat(session).as("session " + id).isNotNull();
            return session;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long heapInUse() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** An HTTP client with its own cookies, behind the "proxy" that states the client's address and scheme. */
    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
        private final String address;

        Client(String address) {
            this.address = address;
        }

        HttpResponse<String> get(String path, String forwardedProto) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("X-Forwarded-For", address);
            if (forwardedProto != null) {
                request.header("X-Forwarded-Proto", forwardedProto);
            }
            return Http.send(http, request.GET());
        }

        /** The CSRF token of the sign-in page, with the session it belongs to kept in this client's cookies. */
        String csrf() {
            Matcher token = CSRF.matcher(get("/console/login", null).body());
            assertThat(token.find()).isTrue();
            return token.group(1);
        }

        HttpResponse<String> signIn(String username, String password, String csrf, String from, String forwardedProto) {
            String form = Map.of("username", username, "password", password, "_csrf", csrf).entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/console/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Forwarded-For", from)
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (forwardedProto != null) {
                request.header("X-Forwarded-Proto", forwardedProto);
            }
            return Http.send(http, request);
        }
    }
}
