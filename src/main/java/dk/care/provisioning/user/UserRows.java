package dk.care.provisioning.user;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
    private final ProcessedRequestRepository processedRequests;

    UserRows(JdbcClient jdbc, JdbcTemplate batches, ProcessedRequestRepository processedRequests) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.processedRequests = processedRequests;
    }

    /**
     * What the database holds of these keys: idempotency records, usernames (lowercased), CPR blind
     * indexes and external ids, in one round trip, and a second only if a requestId was seen before.
     */
    Known known(Set<String> requestIds, Set<String> usernames, Set<OrganisationKey> cprs,
                Set<OrganisationKey> externalIds) {
        Known known = Known.empty();
        List<String> seenRequestIds = new ArrayList<>();
        jdbc.sql("""
                        select 'R', request_id, null from processed_request where request_id = any(:requestIds)
                        union all
                        select 'U', username, null from password_credential where username = any(:usernames)
                        union all
                        select 'C', m.organisation_id, m.cpr_blind_index from mitid_identity m
                        join unnest(:cprOrganisations, :cprs) k (organisation_id, value)
                          on m.organisation_id = k.organisation_id and m.cpr_blind_index = k.value
                        union all
                        select 'E', u.organisation_id, u.external_id from app_user u
                        join unnest(:externalIdOrganisations, :externalIds) k (organisation_id, value)
                          on u.organisation_id = k.organisation_id and u.external_id = k.value""")
                .param("requestIds", textArray(requestIds.stream()))
                .param("usernames", textArray(usernames.stream()))
                .param("cprOrganisations", textArray(cprs.stream().map(OrganisationKey::organisationId)))
                .param("cprs", textArray(cprs.stream().map(OrganisationKey::value)))
                .param("externalIdOrganisations", textArray(externalIds.stream().map(OrganisationKey::organisationId)))
                .param("externalIds", textArray(externalIds.stream().map(OrganisationKey::value)))
                .query(rs -> {
                    switch (rs.getString(1)) {
                        case "R" -> seenRequestIds.add(rs.getString(2));
                        case "U" -> known.usernames().add(rs.getString(2));
                        case "C" -> known.cprs().add(new OrganisationKey(rs.getString(2), rs.getString(3)));
                        default -> known.externalIds().add(new OrganisationKey(rs.getString(2), rs.getString(3)));
                    }
                });
        if (!seenRequestIds.isEmpty()) {
            processedRequests.findAllById(seenRequestIds).forEach(row -> known.processed().put(row.requestId(), row));
        }
        return known;
    }

    private static SqlArrayValue textArray(Stream<String> values) {
        return new SqlArrayValue("text", values.toArray());
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

    /** Idempotency records and unique values in the database, and those claimed since by the batch being decided. */
    record Known(Map<String, ProcessedRequest> processed, Set<String> usernames, Set<OrganisationKey> cprs,
                 Set<OrganisationKey> externalIds) {

        static Known empty() {
            return new Known(new HashMap<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        }
    }
}
