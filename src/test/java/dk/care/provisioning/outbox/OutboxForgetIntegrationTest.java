package dk.care.provisioning.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgetting the fields of a key's outbox rows (erasure): an unsent row is rewritten without them and
 * still goes out, a sent row is deleted, and a row the relay is publishing at that moment is waited for
 * and then treated as what the relay left it.
 */
class OutboxForgetIntegrationTest extends WorkerIntegrationTest {

    /** A thread each: the common pool may have only one, and the two must run at once. */
    private static final Executor THREADS = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());

    @Autowired
    private Outbox outbox;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void rewritesAnUnsentRowWithoutTheFieldsAndDeletesASentOne() {
        String key = "forget-" + UUID.randomUUID();
        long unsent = insert(key, "set_aside_at");
        long sent = insert(key, "sent_at");

        transactions.executeWithoutResult(status -> outbox.forget(List.of(key), Set.of("name", "email")));

        assertThat(jdbc.sql("select count(*) from outbox_message where id = ?").param(sent).query(Long.class).single())
                .isZero();
        UserCreated rewritten = (UserCreated) AvroPayloads.decode(UserCreated.class.getName(),
                jdbc.sql("select payload from outbox_message where id = ?").param(unsent).query(byte[].class).single());
        assertThat(rewritten.getName()).isNull();
        assertThat(rewritten.getEmail()).isNull();
        assertThat(rewritten.getPhone()).isEqualTo("+4520123456");
        assertThat(rewritten.getRequestId()).isEqualTo(key);
    }

    @Test
    void deletesARowTheRelayMarkedSentWhileTheErasureWaitedForIt() throws Exception {
        String key = "forget-" + UUID.randomUUID();
        long row = insert(key, "set_aside_at");
        var claimed = new CountDownLatch(1);
        var acknowledged = new CountDownLatch(1);
        // As the relay does: the row claimed, published, and marked sent in the claiming transaction.
        CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select id from outbox_message where id = ? for update").param(row).query(Long.class).single();
            claimed.countDown();
            try {
                assertThat(acknowledged.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            jdbc.sql("update outbox_message set sent_at = now(), set_aside_at = null where id = ?").param(row).update();
        }), THREADS);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> erasure = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                status -> outbox.forget(List.of(key), Set.of("name"))), THREADS);
        await("the erasure waiting for the relay's lock").atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where wait_event_type = 'Lock' and query like '%outbox_message%message_key%'""")
                .query(Long.class).single() > 0);
        acknowledged.countDown();
        relay.join();
        erasure.join();

        assertThat(jdbc.sql("select count(*) from outbox_message where id = ?").param(row).query(Long.class).single())
                .as("sent while the erasure waited: deleted, not left with the name").isZero();
    }

    /** A UserCreated row under the key, with {@code mark} (sent_at, or set_aside_at to keep the relay off it) now. */
    private long insert(String key, String mark) {
        byte[] payload = Outbox.encode(topics.userCreated(), key, UserCreated.newBuilder()
                .setEventId(UUID.randomUUID()).setRequestId(key).setOccurredAt(Instant.now()).setUserId(UUID.randomUUID())
                .setOrganisationId("demo-care").setDepartmentId("demo-care.home-care").setRoleId("demo-care.caregiver")
                .setUserType(UserType.EMPLOYEE).setLoginMethod(LoginMethod.MITID).setStatus(UserStatus.ACTIVE)
                .setName("Forgotten Person").setEmail("forgotten@example.org").setPhone("+4520123456").build()).payload();
        return jdbc.sql("""
                        insert into outbox_message (topic, message_key, event_type, payload, created_at, %s)
                        values (?, ?, ?, ?, now(), now()) returning id""".formatted(mark))
                .params(topics.userCreated(), key, UserCreated.class.getName(), payload)
                .query(Long.class).single();
    }
}
