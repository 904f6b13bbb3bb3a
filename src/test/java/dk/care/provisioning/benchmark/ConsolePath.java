package dk.care.provisioning.benchmark;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The administrator's path for a password user, as a browser takes it: the console's Create user form
 * posted, the redirect to the outcome page followed, and that page reloaded as its {@code Refresh}
 * header says until it shows the outcome; timed from the POST, one request at a time, next to when the
 * worker decided and committed it (the database's timestamps).
 */
final class ConsolePath {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final String ADMIN = "demo-admin";
    // The embedded default's demo sign-in (DemoRunner); application-local.yml holds its hash.
    private static final String ADMIN_PASSWORD = "console-demo-password";

    private final String base;
    private final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    ConsolePath(ConfigurableApplicationContext worker, DataSource dataSource) {
        this.base = "http://localhost:" + worker.getEnvironment().getProperty("local.server.port");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    Result measure(String prefix, int requests) throws Exception {
        post("/console/login", Map.of("username", ADMIN, "password", ADMIN_PASSWORD,
                "_csrf", csrf(get("/console/login").body())));
        var result = new Result(requests, histogram(), histogram(), histogram());
        for (int i = 0; i < requests; i++) {
            String form = get("/console/users/new?organisation=demo-care&type=EMPLOYEE&method=STANDARD").body();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("organisationId", "demo-care");
            fields.put("departmentId", "demo-care.home-care");
            fields.put("roleId", "demo-care.caregiver");
            fields.put("userType", "EMPLOYEE");
            fields.put("loginMethod", "STANDARD");
            fields.put("name", "Console " + i);
            fields.put("email", "console" + i + "@example.org");
            fields.put("phone", "+4520123456");
            fields.put("username", "console." + prefix + "." + i);
            fields.put("password", "console benchmark passphrase " + i);
            fields.put("_csrf", csrf(form));
            long postedMicros = Benchmark.wallClockMicros();
            long posted = System.nanoTime();
            HttpResponse<String> created = post("/console/users", fields);
            String outcomePage = created.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("the console did not redirect: " + created.statusCode()));
            HttpResponse<String> page = get(outcomePage);
            while (page.headers().firstValue("Refresh").isPresent()) {
                // What the browser does with "Refresh: 1".
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(page.headers().firstValue("Refresh").get().trim())));
                page = get(outcomePage);
            }
            result.page().recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - posted));
            if (!page.body().contains("console." + prefix + "." + i)) {
                throw new IllegalStateException("the outcome page does not show the new user " + i);
            }
            String requestId = outcomePage.substring(outcomePage.lastIndexOf('/') + 1);
            jdbc.query("""
                    select (extract(epoch from processed_at) * 1000000)::bigint,
                           (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint
                    from processed_request where request_id = ?""", row -> {
                result.decided().recordValue(Math.max(0, row.getLong(1) - postedMicros));
                result.committed().recordValue(Math.max(0, row.getLong(2) - postedMicros));
            }, requestId);
        }
        return result;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the console's page");
        }
        return token.group(1);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    /** µs from the POST: the outcome page showing the user, the worker's decision, its commit. */
    record Result(int requests, Histogram page, Histogram decided, Histogram committed) {
    }
}
