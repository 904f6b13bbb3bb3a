package dk.care.provisioning.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.testing.Organisations;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * How long the retention job takes on 100,000 rows ({@code -Dbench.retention-rows}): the automatic
 * erasure of that many users deactivated long ago (each with its MitID identity, its creation's stored
 * outcome and two sent outbox rows, as a drain leaves them), and the purge of that many rejected
 * requests' idempotency records past the window (two violations each). Prints figures, asserts only
 * that everything was done. A measurement: {@code -Pbenchmark}.
 */
@Tag("benchmark")
class RetentionMeasurementTest extends WorkerIntegrationTest {

    private static final int ROWS = Integer.getInteger("bench.retention-rows", 100_000);
    private static final int CHUNK = 5_000;

    @Autowired
    private Retention retention;

    @Test
    void erasesAndPurgesOneHundredThousandRows() {
        String organisation = Organisations.create(jdbc);
        for (int from = 0; from < ROWS; from += CHUNK) {
            insertLeavers(organisation, from, Math.min(CHUNK, ROWS - from));
            insertRejections(organisation, from, Math.min(CHUNK, ROWS - from));
        }
        jdbc.sql("analyze").update();
        long outboxRows = jdbc.sql("select count(*) from outbox_message").query(Long.class).single();

        double eraseSeconds = timed(retention::eraseExpired);
        double purgeSeconds = timed(retention::purgeProcessedRequests);

        assertThat(jdbc.sql("select count(*) from app_user where organisation_id = ? and status = 'ERASED'")
                .param(organisation).query(Long.class).single()).isEqualTo(ROWS);
        assertThat(jdbc.sql("select count(*) from processed_request where request_id like ?")
                .param("rejected-" + organisation + "-%").query(Long.class).single()).isZero();
        System.out.printf("""
                retention on %,d rows (outbox table %,d rows):
                  automatic erasure                 %8.1f s  %,8.0f users/s
                  idempotency records purged        %8.1f s  %,8.0f records/s
                %n""", ROWS, outboxRows, eraseSeconds, ROWS / eraseSeconds, purgeSeconds, ROWS / purgeSeconds);
    }

    /** Runs the job's step until it finds nothing; the seconds it took. */
    private static double timed(IntSupplier step) {
        long start = System.nanoTime();
        while (step.getAsInt() > 0) {
            // the next batch
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
    }

    private void insertLeavers(String organisation, int from, int count) {
        List<Object> ids = new ArrayList<>(), requestIds = new ArrayList<>(), names = new ArrayList<>();
        List<byte[]> created = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            UUID id = UUID.randomUUID();
            String requestId = "leaver-" + organisation + "-" + i;
            ids.add(id);
            requestIds.add(requestId);
            names.add("Person " + i);
            created.add(Outbox.encode(topics.userCreated(), requestId, UserCreated.newBuilder()
                    .setEventId(UUID.randomUUID()).setRequestId(requestId).setOccurredAt(Instant.now()).setUserId(id)
                    .setOrganisationId(organisation).setDepartmentId(organisation + ".dept")
                    .setRoleId(organisation + ".role").setUserType(UserType.EMPLOYEE).setLoginMethod(LoginMethod.MITID)
                    .setStatus(UserStatus.ACTIVE).setName("Person " + i).setEmail("person" + i + "@example.org")
                    .setPhone("+4520" + (100_000 + i)).setExternalId("HR-" + i).build()).payload());
        }
        var idArray = new SqlArrayValue("uuid", ids.toArray());
        var requestArray = new SqlArrayValue("text", requestIds.toArray());
        jdbc.sql("""
                        insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type,
                            login_method, status, status_before_deactivation, name, email, phone, external_id, locale,
                            created_at, updated_at, deactivated_at)
                        select u.id, u.request_id, :org, :org || '.dept', :org || '.role', 'EMPLOYEE', 'MITID',
                            'DEACTIVATED', 'ACTIVE', u.name, 'x' || u.request_id || '@example.org', '+4520123456',
                            'HR-' || u.request_id, 'da', now() - interval '200 days', now() - interval '100 days',
                            now() - interval '100 days'
                        from unnest(:ids, :requestIds, :names) u (id, request_id, name)""")
                .param("org", organisation).param("ids", idArray).param("requestIds", requestArray)
                .param("names", new SqlArrayValue("text", names.toArray())).update();
        jdbc.sql("""
                        insert into mitid_identity (user_id, organisation_id, cpr_ciphertext, cpr_blind_index)
                        select id, :org, 'demo-1:' || md5(id::text), md5(id::text || 'b') from unnest(:ids) id""")
                .param("org", organisation).param("ids", idArray).update();
        jdbc.sql("""
                        insert into processed_request (request_id, fingerprint, outcome, user_id, event_id, event_topic,
                            event_type, event_payload, processed_at)
                        select r.request_id, 'f', 'CREATED', r.id, gen_random_uuid(), :topic, :type, r.payload,
                            now() - interval '200 days'
                        from unnest(:ids, :requestIds, :payloads) r (id, request_id, payload)""")
                .param("topic", topics.userCreated()).param("type", UserCreated.class.getName())
                .param("ids", idArray).param("requestIds", requestArray)
                .param("payloads", new SqlArrayValue("bytea", created.toArray(byte[][]::new))).update();
        // A drain's sent rows: the outcome under the requestId and the state under the userId.
        jdbc.sql("""
                        insert into outbox_message (topic, message_key, event_type, payload, created_at, sent_at)
                        select :topic, r.request_id, :type, r.payload, now(), now()
                        from unnest(:requestIds, :payloads) r (request_id, payload)
                        union all
                        select :users, r.id::text, :type, r.payload, now(), now()
                        from unnest(:ids, :payloads) r (id, payload)""")
                .param("topic", topics.userCreated()).param("users", topics.users())
                .param("type", UserCreated.class.getName()).param("ids", idArray).param("requestIds", requestArray)
                .param("payloads", new SqlArrayValue("bytea", created.toArray(byte[][]::new))).update();
    }

    private void insertRejections(String organisation, int from, int count) {
        jdbc.sql("""
                        with rejected as (
                            insert into processed_request (request_id, fingerprint, outcome, event_id, event_topic,
                                event_type, event_payload, processed_at)
                            select 'rejected-' || :org || '-' || n, 'f', 'FAILED', gen_random_uuid(), 'failed', 'type',
                                '\\x00'::bytea, now() - interval '60 days'
                            from generate_series(:from, :to) n
                            returning request_id)
                        insert into request_violation (request_id, position, code, field, message)
                        select request_id, p, 'PHONE_INVALID', 'phone', 'The phone number is not valid'
                        from rejected, generate_series(0, 1) p""")
                .param("org", organisation).param("from", from).param("to", from + count - 1).update();
    }
}
