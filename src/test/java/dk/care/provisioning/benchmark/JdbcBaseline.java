package dk.care.provisioning.benchmark;

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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baseline (b): the same users inserted into the same tables with plain JDBC batches, no rules, no
 * outbox, no hashing — what the database alone can take. The rows are deleted afterwards.
 */
final class JdbcBaseline {

    private static final int BATCH = 500;
    private static final String FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    JdbcBaseline(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    double insertsPerSecond(List<CreateUserRequest> requests) {
        List<UUID> ids = new ArrayList<>(requests.size());
        long start = System.nanoTime();
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<CreateUserRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH));
            transactions.executeWithoutResult(status -> ids.addAll(insert(batch)));
        }
        double rate = requests.size() / Benchmark.seconds(System.nanoTime() - start);
        delete(ids);
        return rate;
    }

    private List<UUID> insert(List<CreateUserRequest> batch) {
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
        return ids;
    }

    private void delete(List<UUID> ids) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            Object[] batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).toArray();
            String in = String.join(",", java.util.Collections.nCopies(batch.length, "?"));
            jdbc.update("delete from password_credential where user_id in (" + in + ")", batch);
            jdbc.update("delete from mitid_identity where user_id in (" + in + ")", batch);
            jdbc.update("delete from app_user where id in (" + in + ")", batch);
        }
    }
}
