package dk.care.provisioning.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.UserCreationFailed;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows the broker can never accept, in the middle of one relay batch: each is set aside with its
 * reason and shows in the gauge and the health of the outbox, while every other row of the batch is
 * published exactly once — the rows before it not again on every retry, the rows after it at all.
 */
class OutboxSetAsideIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    private Outbox outbox;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private OutboxBacklog backlog;

    private final String run = UUID.randomUUID().toString();
    private final String tooLarge = "too-large-" + run;
    private final String undecodable = "undecodable-" + run;

    @Test
    void setsAsideRowsThatCanNeverBePublishedAndPublishesTheRowsAroundThemExactlyOnce() {
        List<String> before = keys("before");
        List<String> after = keys("after");
        // One transaction, so that the relay claims all of them in one batch.
        transactions.executeWithoutResult(status -> {
            before.forEach(key -> outbox.append(topics.userCreationFailed(), key, failure(key, "test")));
            // Over the producer's max.request.size (1 MB): RecordTooLargeException for this record alone.
            outbox.append(topics.userCreationFailed(), tooLarge, failure(tooLarge, "s".repeat(1_100_000)));
            jdbc.sql("""
                            insert into outbox_message (topic, message_key, event_type, payload, created_at)
                            values (?, ?, ?, ?, now())""")
                    .params(topics.userCreationFailed(), undecodable, UserCreationFailed.class.getName(),
                            new byte[] {(byte) 0xFF, 0x01, 0x02})
                    .update();
            after.forEach(key -> outbox.append(topics.userCreationFailed(), key, failure(key, "test")));
        });

        List<String> published = Stream.concat(before.stream(), after.stream()).toList();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> published.stream().noneMatch(key -> outcomes().values(key).isEmpty()));
        await().atMost(Duration.ofSeconds(30)).until(() -> setAsideReasons().size() == 2);
        // Long enough for several relay rounds: a batch retried as a whole would send its first rows again.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> published.stream().allMatch(key -> outcomes().values(key).size() == 1));

        assertThat(setAsideReasons()).hasEntrySatisfying(tooLarge,
                        reason -> assertThat(reason).contains("RecordTooLargeException"))
                .hasEntrySatisfying(undecodable, reason -> assertThat(reason).contains("SerializationException"));
        assertThat(outcomes().values(tooLarge)).isEmpty();
        assertThat(meters.get("provisioning.outbox.set.aside").gauge().value()).isGreaterThanOrEqualTo(2);
        Map<String, Object> health = backlog.health(true).getDetails();
        assertThat(health).containsKey("setAside");
        assertThat((Long) health.get("setAside")).isGreaterThanOrEqualTo(2);
        await("set-aside rows are no backlog: no relay works on them").atMost(Duration.ofSeconds(10))
                .until(() -> backlog.health(true).getDetails().get("backlog"), backlogSize -> Long.valueOf(0).equals(backlogSize));
    }

    @AfterEach
    void removeTheRowsSetAside() {
        jdbc.sql("delete from outbox_message where message_key in (?, ?)").params(tooLarge, undecodable).update();
    }

    private Map<String, String> setAsideReasons() {
        return jdbc.sql("""
                        select message_key, set_aside_reason from outbox_message
                        where message_key in (?, ?) and set_aside_at is not null and sent_at is null""")
                .params(tooLarge, undecodable)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<String> keys(String position) {
        return IntStream.range(0, 3).mapToObj(i -> position + "-" + i + "-" + run).toList();
    }

    private static UserCreationFailed failure(String requestId, String source) {
        return UserCreationFailed.newBuilder().setEventId(UUID.randomUUID()).setRequestId(requestId)
                .setOccurredAt(Instant.now()).setSource(source).setErrors(List.of()).build();
    }
}
