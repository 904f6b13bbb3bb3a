package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.care.provisioning.dev.EmbeddedDatabase;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.user.ProvisioningService;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operations see over HTTP on the management port: health with its probes, and the Prometheus
 * scrape, after real requests; and what the public port does not show.
 */
class HealthAndMetricsIntegrationTest extends WorkerIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    private int managementPort;

    @LocalServerPort
    private int publicPort;

    @Autowired
    private EmbeddedDatabase database;

    @Autowired
    private HealthEndpoint healthEndpoint;

    @Test
    void scrapeCountsOutcomesByKindAndErrorCodeAndShowsLatencyBacklogInvitationsAndConsumerLag() {
        String before = get("/actuator/prometheus").body();
        CreateUserRequest valid = Requests.phoneSelfRegistration().build();
        CreateUserRequest invalid = Requests.phoneSelfRegistration().setPhone("12345678").build();
        send(valid);
        send(invalid);
        outcomes().awaitOutcome(valid.getRequestId(), UserCreated.class);
        outcomes().awaitOutcome(invalid.getRequestId(), UserCreationFailed.class);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String after = get("/actuator/prometheus").body();
            assertThat(sample(after, "provisioning_requests_total", "outcome=\"created\""))
                    .isGreaterThanOrEqualTo(sample(before, "provisioning_requests_total", "outcome=\"created\"") + 1);
            assertThat(sample(after, "provisioning_requests_total", "outcome=\"failed\""))
                    .isGreaterThanOrEqualTo(sample(before, "provisioning_requests_total", "outcome=\"failed\"") + 1);
            String code = "code=\"PHONE_MISSING_COUNTRY_CODE\"";
            assertThat(sample(after, "provisioning_request_errors_total", code))
                    .isGreaterThanOrEqualTo(sample(before, "provisioning_request_errors_total", code) + 1);
            assertThat(sample(after, "provisioning_request_latency_seconds_count", ""))
                    .isGreaterThanOrEqualTo(sample(before, "provisioning_request_latency_seconds_count", "") + 2);
            assertThat(after).contains("provisioning_request_latency_seconds_bucket{",
                    "spring_kafka_listener_seconds_bucket{");
            // The invitation is PENDING or, once the dispatcher has been, SENT: the gauge counts it in one of them.
            assertThat(sample(after, "provisioning_invitations", "status=\"PENDING\"")
                    + sample(after, "provisioning_invitations", "status=\"SENT\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "provisioning_outbox_backlog", "")).isGreaterThanOrEqualTo(0);
            assertThat(sample(after, "provisioning_outbox_oldest_age_seconds", "")).isGreaterThanOrEqualTo(0);
            assertThat(highest(after, "kafka_consumer_fetch_manager_records_lag_max")).isGreaterThanOrEqualTo(0);
            assertThat(sample(after, "provisioning_dead_letters_total", "")).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void healthIsUpWithKafkaDatabaseRegistryAndOutboxAndProbesAnswer() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode components = JSON.readTree(health.body()).get("components");
            for (String component : new String[] {"db", "kafka", "schemaRegistry", "outbox", "livenessState"}) {
                assertThat(components.get(component).get("status").asString()).as(component).isEqualTo("UP");
            }
        });
        assertThat(((IndicatedHealthDescriptor) healthEndpoint.healthForPath("kafka")).getDetails())
                .containsEntry("requestListener", "running");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void healthOverHttpShowsComponentStatesButNoDetails() {
        HttpResponse<String> health = get("/actuator/health");

        JsonNode components = JSON.readTree(health.body()).get("components");
        assertThat(components.propertyNames()).contains("db", "kafka", "schemaRegistry", "outbox", "diskSpace");
        components.forEach(component -> assertThat(component.has("details")).as(component.toString()).isFalse());
        assertThat(health.body()).doesNotContain("clusterId", "requestListener", "path", registryUrl());
    }

    @Test
    void thePublicPortServesNoActuatorEndpoint() {
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/health/readiness",
                "/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            assertThat(get(publicPort, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void healthGoesDownWhenTheDatabaseStopsAndUpWhenItIsBack() {
        database.stop();
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                HttpResponse<String> health = get("/actuator/health");
                assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
                JsonNode components = JSON.readTree(health.body()).get("components");
                assertThat(components.get("db").get("status").asString()).isEqualTo("DOWN");
                assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
            });
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            // Restarting would not bring the database back, so liveness must stay UP.
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            database.restart();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        });
        CreateUserRequest afterOutage = Requests.phoneSelfRegistration().build();
        send(afterOutage);
        assertThat(outcomes().awaitOutcome(afterOutage.getRequestId(), UserCreated.class)).isNotNull();
    }

    @Test
    void logLinesOfARequestCarryItsRequestIdAndCorrelationId() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(ProvisioningService.class);
        logger.addAppender(appender);
        try {
            CreateUserRequest request = Requests.phoneSelfRegistration().build();
            send(request);
            outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(appender.list)
                    .filteredOn(event -> event.getFormattedMessage().contains(request.getRequestId()))
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.getMDCPropertyMap())
                            .containsEntry("requestId", request.getRequestId())
                            .containsEntry("correlationId", request.getCorrelationId())));
        } finally {
            logger.detachAppender(appender);
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double sample(String scrape, String name, String label) {
        Matcher matcher = samples(scrape, name);
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("No sample " + name + " with " + label + " in the scrape");
    }

    /**
     * The highest value of {@code name} over all its samples, NaN if none has a value: a consumer that has
     * fetched no record for a while reports its lag as NaN, and the first one listed may be such a one.
     */
    private static double highest(String scrape, String name) {
        return samples(scrape, name).results().mapToDouble(sample -> Double.parseDouble(sample.group(2)))
                .filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
    }

    private static Matcher samples(String scrape, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)").matcher(scrape);
    }

    private HttpResponse<String> get(String path) {
        return get(managementPort, path);
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
