package dk.care.provisioning.user;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * The write path and uniqueness look-ups of provisioning, a poll at a time: one query per kind of
 * look-up and one batched statement per table, instead of a round trip per request and row. Plain
 * JDBC rather than aggregate mapping, because this is the hot path (README "Performance").
 */
@Component
class UserRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    UserRows(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Which of these usernames (lowercased) are in use. */
    Set<String> takenUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("select username from password_credential where username = any(:names)")
                .param("names", new SqlArrayValue("text", usernames.toArray()))
                .query(String.class).list());
    }

    /** Which of these (organisation, CPR blind index) pairs have a user. */
    Set<OrganisationKey> registeredCprs(Collection<OrganisationKey> keys) {
        return pairs("""
                select m.organisation_id, m.cpr_blind_index from mitid_identity m
                join unnest(:organisations, :values) k (organisation_id, value)
                  on m.organisation_id = k.organisation_id and m.cpr_blind_index = k.value""", keys);
    }

    /** Which of these (organisation, external id) pairs have a user. */
    Set<OrganisationKey> takenExternalIds(Collection<OrganisationKey> keys) {
        return pairs("""
                select u.organisation_id, u.external_id from app_user u
                join unnest(:organisations, :values) k (organisation_id, value)
                  on u.organisation_id = k.organisation_id and u.external_id = k.value""", keys);
    }

    private Set<OrganisationKey> pairs(String sql, Collection<OrganisationKey> keys) {
        if (keys.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql(sql)
                .param("organisations", new SqlArrayValue("text",
                        keys.stream().map(OrganisationKey::organisationId).toArray()))
                .param("values", new SqlArrayValue("text", keys.stream().map(OrganisationKey::value).toArray()))
                .query((rs, n) -> new OrganisationKey(rs.getString(1), rs.getString(2)))
                .list());
    }

    /** Inserts the users with their credential or MitID identity, a statement per table. */
    void insertAll(List<User> users) {
        batch("""
                insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type,
                                      login_method, status, name, email, phone, external_id, locale, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", users, (statement, user) -> {
            statement.setObject(1, user.id());
            statement.setString(2, user.requestId());
            statement.setString(3, user.organisationId());
            statement.setString(4, user.departmentId());
            statement.setString(5, user.roleId());
            statement.setString(6, user.userType().name());
            statement.setString(7, user.loginMethod().name());
            statement.setString(8, user.status().name());
            statement.setString(9, user.name());
            statement.setString(10, user.email());
            statement.setString(11, user.phone());
            statement.setString(12, user.externalId());
            statement.setString(13, user.locale());
            statement.setTimestamp(14, Timestamp.from(user.createdAt()));
        });
        List<User> withCredential = users.stream().filter(user -> user.credential() != null).toList();
        batch("""
                insert into password_credential (user_id, username, password_hash, must_change_password, created_at)
                values (?, ?, ?, ?, ?)""", withCredential, (statement, user) -> {
            statement.setObject(1, user.id());
            statement.setString(2, user.credential().username());
            statement.setString(3, user.credential().passwordHash());
            statement.setBoolean(4, user.credential().mustChangePassword());
            statement.setTimestamp(5, Timestamp.from(user.credential().createdAt()));
        });
        List<User> withIdentity = users.stream().filter(user -> user.mitIdIdentity() != null).toList();
        batch("""
                insert into mitid_identity (user_id, organisation_id, cpr_ciphertext, cpr_blind_index)
                values (?, ?, ?, ?)""", withIdentity, (statement, user) -> {
            statement.setObject(1, user.id());
            statement.setString(2, user.mitIdIdentity().organisationId());
            statement.setString(3, user.mitIdIdentity().cprCiphertext());
            statement.setString(4, user.mitIdIdentity().cprBlindIndex());
        });
    }

    /** Inserts idempotency records, a statement for all. */
    void insertProcessed(List<ProcessedRequest> processed) {
        batch("""
                insert into processed_request (request_id, fingerprint, outcome, user_id, event_id, event_topic,
                                               event_type, event_payload, processed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", processed, (statement, row) -> {
            statement.setString(1, row.requestId());
            statement.setString(2, row.fingerprint());
            statement.setString(3, row.outcome().name());
            statement.setObject(4, row.userId(), Types.OTHER);
            statement.setObject(5, row.eventId());
            statement.setString(6, row.eventTopic());
            statement.setString(7, row.eventType());
            statement.setBytes(8, row.eventPayload());
            statement.setTimestamp(9, Timestamp.from(row.processedAt()));
        });
    }

    private <T> void batch(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows, rows.size(), setter);
        }
    }

    /** A value unique within an organisation. */
    record OrganisationKey(String organisationId, String value) {
    }
}
