package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.invitation.sms.GuardedProvider;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.user.NewInvitation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measurement, run with {@code -Pbenchmark} only: a backlog of invitations piles up while the SMS
 * gateway is down, then the gateway returns. Prints the dispatch rate and what became of the backlog.
 * Run with {@code ./mvnw -Pbenchmark test -Dtest=InvitationBacklogMeasurementTest} and optionally
 * {@code -Dmeasure.size=10000 -Dmeasure.rate=1000 -Dmeasure.batch=100 -Dmeasure.latency=50}.
 */
@Tag("benchmark")
class InvitationBacklogMeasurementTest extends WorkerIntegrationTest {

    private static final FakeSmsGateway GATEWAY = new FakeSmsGateway();
    private static final int SIZE = Integer.getInteger("measure.size", 10_000);

    @Autowired
    private InvitationDispatcher dispatcher;

    @Autowired
    private GuardedProvider provider;

    @Autowired
    private Invitations invitations;

    @Autowired
    private TransactionTemplate transactions;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) {
        properties.add("provisioning.invitations.provider.type", () -> "http");
        properties.add("provisioning.invitations.provider.http.url", GATEWAY::url);
        properties.add("provisioning.invitations.provider.rate-per-second", () -> Integer.getInteger("measure.rate", 1000));
        properties.add("provisioning.invitations.provider.open-duration", () -> "5s");
        properties.add("provisioning.invitations.dispatch.batch-size", () -> Integer.getInteger("measure.batch", 100));
        properties.add("provisioning.invitations.dispatch.initial-backoff", () -> "1s");
        properties.add("provisioning.invitations.dispatch.max-backoff", () -> "10s");
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @Test
    void drainsABacklogWhenTheGatewayReturns() throws InterruptedException {
        GATEWAY.answerEverythingWith(503);
        GATEWAY.delayAnswers(Duration.ofMillis(Long.getLong("measure.latency", 50)));
        dispatcher.stop();
        Instant created = Instant.now();
        String batch = UUID.randomUUID().toString();
        List<UUID> users = jdbc.sql("""
                        insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type,
                            login_method, status, name, phone, locale, created_at)
                        select gen_random_uuid(), :batch || '-' || n, 'demo-care', 'demo-care.home-care',
                            'demo-care.relative', 'RELATIVE', 'PHONE_SELF_REGISTRATION', 'PENDING_SELF_REGISTRATION',
                            'Backlog ' || n, '+4521' || lpad(n::text, 6, '0'), 'da', now()
                        from generate_series(1, :size) n
                        returning id""")
                .param("batch", batch).param("size", SIZE).query(UUID.class).list();
        transactions.executeWithoutResult(status -> invitations.issue(users.stream()
                .map(user -> new NewInvitation(UUID.randomUUID(), user, "+4521000000", "da")).toList()));
        Duration issuing = Duration.between(created, Instant.now());

        dispatcher.start();
        Instant down = Instant.now();
        await().atMost(Duration.ofMinutes(2)).until(provider::circuitOpen);
        Thread.sleep(15_000);
        int callsWhileDown = GATEWAY.received().size();
        Map<String, Long> whileDown = statuses();

        GATEWAY.answerEverythingWith(200);
        Instant up = Instant.now();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> statuses().getOrDefault("PENDING", 0L) == 0);
        Instant drained = Instant.now();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.sql("select count(*) from outbox_message where sent_at is null").query(Long.class).single() == 0);
        Instant published = Instant.now();

        Map<String, Long> after = statuses();
        long delivered = GATEWAY.received().stream().filter(r -> r.answered() == 200).count();
        double seconds = Duration.between(up, drained).toMillis() / 1000.0;
        System.out.printf("""

                === Invitation backlog measurement ===
                backlog: %d invitations, issued in %d ms; gateway latency %s ms, rate limit %s/s, batch %s
                gateway down %.1f s: %d gateway calls, circuit opened; statuses then %s
                gateway back: all %d sent in %.1f s = %.0f SMS/s; SENT events published %.1f s after the return
                final statuses %s; gateway calls in total %d, answered 200: %d
                ======================================
                %n""", SIZE, issuing.toMillis(), Long.getLong("measure.latency", 50), Integer.getInteger("measure.rate", 1000),
                Integer.getInteger("measure.batch", 100), Duration.between(down, up).toMillis() / 1000.0, callsWhileDown,
                whileDown, SIZE, seconds, SIZE / seconds, Duration.between(up, published).toMillis() / 1000.0, after,
                GATEWAY.received().size(), delivered);
        assertThat(after.getOrDefault("SENT", 0L)).isGreaterThanOrEqualTo(SIZE);
    }

    private Map<String, Long> statuses() {
        return jdbc.sql("select status, count(*) from invitation group by status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
