package dk.care.provisioning.user;

import dk.care.provisioning.jdbc.BulkInsert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * The uniqueness look-ups and the rows of provisioning, a poll at a time: one query for every
 * look-up and column arrays for one insert statement, instead of a round trip per request and row.
 * Plain JDBC rather than aggregate mapping, because this is the hot path (README "Performance").
 */
@Component
class UserRows {

    private final JdbcClient jdbc;
    private final ProcessedRequestRepository processedRequests;

    UserRows(JdbcClient jdbc, ProcessedRequestRepository processedRequests) {
        this.jdbc = jdbc;
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

    /** The rows of new users and their credential or MitID identity, parents first. */
    static List<BulkInsert> rowsOf(List<User> users) {
        List<User> withCredential = users.stream().filter(user -> user.credential() != null).toList();
        List<User> withIdentity = users.stream().filter(user -> user.mitIdIdentity() != null).toList();
        return List.of(
                BulkInsert.into("app_user", users)
                        .column("id", "uuid", User::id)
                        .column("request_id", "text", User::requestId)
                        .column("organisation_id", "text", User::organisationId)
                        .column("department_id", "text", User::departmentId)
                        .column("role_id", "text", User::roleId)
                        .column("user_type", "text", user -> user.userType().name())
                        .column("login_method", "text", user -> user.loginMethod().name())
                        .column("status", "text", user -> user.status().name())
                        .column("name", "text", User::name)
                        .column("email", "text", User::email)
                        .column("phone", "text", User::phone)
                        .column("external_id", "text", User::externalId)
                        .column("locale", "text", User::locale)
                        .instant("created_at", User::createdAt)
                        .build(),
                BulkInsert.into("password_credential", withCredential)
                        .column("user_id", "uuid", User::id)
                        .column("username", "text", user -> user.credential().username())
                        .column("password_hash", "text", user -> user.credential().passwordHash())
                        .column("must_change_password", "bool", user -> user.credential().mustChangePassword())
                        .instant("created_at", user -> user.credential().createdAt())
                        .build(),
                BulkInsert.into("mitid_identity", withIdentity)
                        .column("user_id", "uuid", User::id)
                        .column("organisation_id", "text", user -> user.mitIdIdentity().organisationId())
                        .column("cpr_ciphertext", "text", user -> user.mitIdIdentity().cprCiphertext())
                        .column("cpr_blind_index", "text", user -> user.mitIdIdentity().cprBlindIndex())
                        .build());
    }

    /** The rows of idempotency records. */
    static BulkInsert rowsOfProcessed(List<ProcessedRequest> processed) {
        return BulkInsert.into("processed_request", processed)
                .column("request_id", "text", ProcessedRequest::requestId)
                .column("fingerprint", "text", ProcessedRequest::fingerprint)
                .column("outcome", "text", row -> row.outcome().name())
                .column("user_id", "uuid", ProcessedRequest::userId)
                .column("event_id", "uuid", ProcessedRequest::eventId)
                .column("event_topic", "text", ProcessedRequest::eventTopic)
                .column("event_type", "text", ProcessedRequest::eventType)
                .bytes("event_payload", ProcessedRequest::eventPayload)
                .instant("processed_at", ProcessedRequest::processedAt)
                .build();
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

        /** Adds every value of the claims. */
        void claim(Claims claims) {
            if (claims.username() != null) {
                usernames.add(claims.username());
            }
            if (claims.cpr() != null) {
                cprs.add(claims.cpr());
            }
            if (claims.externalId() != null) {
                externalIds.add(claims.externalId());
            }
        }
    }

    /** The unique values a new user would hold, each null where the request has none. */
    record Claims(String username, OrganisationKey cpr, OrganisationKey externalId) {
    }
}
