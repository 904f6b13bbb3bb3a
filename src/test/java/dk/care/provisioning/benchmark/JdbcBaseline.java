package dk.care.provisioning.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baseline (b): the same users inserted into the same tables with plain JDBC batches, no rules, no
 * outbox, no hashing — what the database alone can take. Optionally with every other row the worker
 * writes per request, which shows what its guarantees cost the database. Every batch commits, as
 * durably as the worker's; the rows are deleted again afterwards, untimed.
 */
final class JdbcBaseline implements AutoCloseable {

    private static final int BATCH = 500;
    private static final String FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** The size of a token JWE and of an encoded UserCreated event. */
    private static final String FAKE_TOKEN = "x".repeat(230);
    private static final byte[] FAKE_EVENT = new byte[300];

    private final SingleConnectionDataSource connection;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /** On the worker's database, with the driver's best setting for batches: one multi-row insert per batch. */
    JdbcBaseline(DataSource workerDataSource) {
        var hikari = (HikariDataSource) workerDataSource;
        String url = hikari.getJdbcUrl() + (hikari.getJdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        connection = new SingleConnectionDataSource(url, hikari.getUsername(), hikari.getPassword(), true);
        DataSource dataSource = connection;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Users per second; with {@code everyRow} also every other row the worker writes for them
     * (invitation, idempotency record, outbox event already marked sent, audit entry).
     */
    double insertsPerSecond(List<CreateUserRequest> requests, boolean everyRow) {
        List<UUID> inserted = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<CreateUserRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH));
            // Committed, not rolled back: a rollback never waits for the WAL to reach the disk.
            inserted.addAll(transactions.execute(status -> insert(batch, everyRow)));
        }
        double perSecond = requests.size() / Benchmark.seconds(System.nanoTime() - start);
        remove(inserted);
        return perSecond;
    }

    /**
     * Leaves no trace in the tables the worker is measured on. Foreign keys are not checked (the
     * rows are the baseline's own): checking them would scan the unindexed references of a
     * million-row table once per user.
     */
    private void remove(List<UUID> users) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("set local session_replication_role = replica");
            UUID[] ids = users.toArray(UUID[]::new);
            for (String table : List.of("invitation", "password_credential", "mitid_identity", "processed_request")) {
                jdbc.update("delete from " + table + " where user_id = any(?)", uuids(ids));
            }
            jdbc.update("delete from audit_entry where source = 'bench'");
            jdbc.update("delete from outbox_message where topic = 'bench.none'");
            jdbc.update("delete from app_user where id = any(?)", uuids(ids));
        });
    }

    private static PreparedStatementSetter uuids(UUID[] ids) {
        return statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids));
    }

    private List<UUID> insert(List<CreateUserRequest> batch, boolean everyRow) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> users = new ArrayList<>();
        List<Object[]> credentials = new ArrayList<>();
        List<Object[]> identities = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (CreateUserRequest request : batch) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            users.add(new Object[] {id, request.getRequestId(), request.getOrganisationId(), request.getDepartmentId(),
                    request.getRoleId(), request.getUserType().name(), "STANDARD", "ACTIVE", request.getName(),
                    request.getEmail(), request.getPhone(), request.getExternalId(), "da", now});
            switch (request.getLogin()) {
                case StandardLogin standard -> credentials.add(new Object[] {id, standard.getUsername(), FAKE_HASH, now});
                case MitIdLogin mitId -> identities.add(new Object[] {id, request.getOrganisationId(),
                        "k:" + mitId.getCpr(), "bench-" + id});
                default -> {
                }
            }
        }
        jdbc.batchUpdate("""
                insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type, login_method,
                                      status, name, email, phone, external_id, locale, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", users);
        jdbc.batchUpdate("""
                insert into password_credential (user_id, username, password_hash, must_change_password, created_at)
                values (?, ?, ?, false, ?)""", credentials);
        jdbc.batchUpdate("""
                insert into mitid_identity (user_id, organisation_id, cpr_ciphertext, cpr_blind_index)
                values (?, ?, ?, ?)""", identities);
        if (everyRow) {
            insertTheRest(batch, ids, now);
        }
        return ids;
    }

    private void insertTheRest(List<CreateUserRequest> batch, List<UUID> ids, Timestamp now) {
        List<Object[]> invitations = new ArrayList<>();
        List<Object[]> processed = new ArrayList<>();
        List<Object[]> outbox = new ArrayList<>();
        List<Object[]> audit = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CreateUserRequest request = batch.get(i);
            UUID id = ids.get(i);
            if (request.getPhone() != null && !(request.getLogin() instanceof MitIdLogin)) {
                // No next_attempt_at: the dispatcher leaves these alone.
                invitations.add(new Object[] {UUID.randomUUID(), id, "bench-" + UUID.randomUUID(), FAKE_TOKEN,
                        request.getPhone(), "da", now, now});
            }
            processed.add(new Object[] {request.getRequestId(), FAKE_HASH, id, UUID.randomUUID(), FAKE_EVENT, now});
            outbox.add(new Object[] {request.getRequestId(), FAKE_EVENT, now, now});
            audit.add(new Object[] {now, request.getRequestId(), request.getOrganisationId(), id});
        }
        jdbc.batchUpdate("""
                insert into invitation (id, user_id, token_hash, token_ciphertext, phone, locale, status, attempts,
                                        expires_at, created_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""", invitations);
        jdbc.batchUpdate("""
                insert into processed_request (request_id, fingerprint, outcome, user_id, event_id, event_topic,
                                               event_type, event_payload, processed_at)
                values (?, ?, 'CREATED', ?, ?, 'bench.none', 'bench', ?, ?)""", processed);
        jdbc.batchUpdate("""
                insert into outbox_message (topic, message_key, event_type, payload, created_at, sent_at)
                values ('bench.none', ?, 'bench', ?, ?, ?)""", outbox);
        jdbc.batchUpdate("""
                insert into audit_entry (occurred_at, request_id, source, organisation_id, outcome, user_id)
                values (?, ?, 'bench', ?, 'CREATED', ?)""", audit);
    }

    @Override
    public void close() {
        connection.destroy();
    }
}
