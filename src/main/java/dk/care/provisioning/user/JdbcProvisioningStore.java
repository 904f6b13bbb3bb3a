package dk.care.provisioning.user;

import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provisioning store in PostgreSQL, a batch at a time: one query for every look-up, and every
 * row of the batch in the transaction's one insert statement, instead of a round trip per request
 * and row. Plain JDBC rather than aggregate mapping: per-aggregate mapping was the hot path's largest cost.
 */
@Component
class JdbcProvisioningStore implements ProvisioningStore {

    private final JdbcClient jdbc;
    private final BulkInserts bulk;
    private final ProcessedRequests processedRequests;
    private final InvitationIssuer invitations;
    private final OutcomePublisher outcomes;
    private final UserStatePublisher states;
    private final AuditTrail audit;

    JdbcProvisioningStore(JdbcClient jdbc, BulkInserts bulk, ProcessedRequests processedRequests,
                          InvitationIssuer invitations, OutcomePublisher outcomes, UserStatePublisher states,
                          AuditTrail audit) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.processedRequests = processedRequests;
        this.invitations = invitations;
        this.outcomes = outcomes;
        this.states = states;
        this.audit = audit;
    }

    /**
     * Idempotency records, usernames (lowercased), CPR blind indexes and external ids, in one round
     * trip, and a second only if a requestId was seen before.
     */
    @Override
    public Known known(Set<String> requestIds, Collection<Claims> claims) {
        Known known = Known.empty();
        List<String> seenRequestIds = new ArrayList<>();
        List<Claims.OrganisationKey> cprs = values(claims, Claims::cpr);
        List<Claims.OrganisationKey> externalIds = values(claims, Claims::externalId);
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
                .param("usernames", textArray(values(claims, Claims::username).stream()))
                .param("cprOrganisations", textArray(cprs.stream().map(Claims.OrganisationKey::organisationId)))
                .param("cprs", textArray(cprs.stream().map(Claims.OrganisationKey::value)))
                .param("externalIdOrganisations",
                        textArray(externalIds.stream().map(Claims.OrganisationKey::organisationId)))
                .param("externalIds", textArray(externalIds.stream().map(Claims.OrganisationKey::value)))
                .query(rs -> {
                    switch (rs.getString(1)) {
                        case "R" -> seenRequestIds.add(rs.getString(2));
                        case "U" -> known.usernames().add(rs.getString(2));
                        case "C" -> known.cprs().add(new Claims.OrganisationKey(rs.getString(2), rs.getString(3)));
                        default -> known.externalIds().add(new Claims.OrganisationKey(rs.getString(2), rs.getString(3)));
                    }
                });
        if (!seenRequestIds.isEmpty()) {
            processedRequests.find(seenRequestIds).values().forEach(known::remember);
        }
        return known;
    }

    private static <T> List<T> values(Collection<Claims> claims, Function<Claims, T> value) {
        return claims.stream().map(value).filter(Objects::nonNull).distinct().toList();
    }

    private static SqlArrayValue textArray(Stream<String> values) {
        return new SqlArrayValue("text", values.toArray());
    }

    /**
     * The users' rows come first, parents before children, as the tables' parts of the statement; the
     * outcome events and the users' states share the outbox's part.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(ProvisioningBatch batch) {
        if (!batch.superseded().isEmpty()) {
            for (String table : List.of("request_violation", "processed_request")) {
                jdbc.sql("delete from " + table + " where request_id = any(:ids)")
                        .param("ids", textArray(batch.superseded().stream())).update();
            }
        }
        List<User> users = batch.users();
        bulk.add(BulkInsert.into("app_user", users)
                .column("id", "uuid", User::id)
                .column("request_id", "text", User::requestId)
                .column("organisation_id", "text", User::organisationId)
                .column("department_id", "text", User::departmentId)
                .column("role_id", "text", User::roleId)
                .column("user_type", "text", user -> user.userType().name())
                .column("login_method", "text", user -> user.login().kind().name())
                .column("status", "text", user -> user.status().name())
                .column("name", "text", User::name)
                .column("email", "text", User::email)
                .column("phone", "text", User::phone)
                .column("external_id", "text", User::externalId)
                .column("source", "text", User::source)
                .column("locale", "text", User::locale)
                .instant("created_at", User::createdAt)
                .instant("updated_at", User::createdAt)
                .build());
        bulk.add(BulkInsert.into("password_credential", logins(users, User.PasswordCredential.class))
                .column("user_id", "uuid", Owned::userId)
                .column("username", "text", owned -> owned.login().username())
                .column("password_hash", "text", owned -> owned.login().passwordHash())
                .column("must_change_password", "bool", owned -> owned.login().mustChangePassword())
                .instant("created_at", owned -> owned.login().createdAt())
                .build());
        bulk.add(BulkInsert.into("mitid_identity", logins(users, User.MitIdIdentity.class))
                .column("user_id", "uuid", Owned::userId)
                .column("organisation_id", "text", owned -> owned.login().organisationId())
                .column("cpr_ciphertext", "text", owned -> owned.login().cprCiphertext())
                .column("cpr_blind_index", "text", owned -> owned.login().cprBlindIndex())
                .build());
        invitations.issue(users.stream().map(User::invitation).filter(Objects::nonNull).toList());
        processedRequests.record(batch.processedRequests(), batch.violations());
        outcomes.publish(batch.events());
        // In the same outbox statement as the outcomes, after them: a reader of the users topic never
        // hears of a user before the requester does.
        states.publish(users.stream().map(User::snapshot).toList());
        audit.record(batch.auditEntries());
    }

    /** The users whose login is of this kind, each with that login. */
    private static <L extends User.Login> List<Owned<L>> logins(List<User> users, Class<L> kind) {
        return users.stream().filter(user -> kind.isInstance(user.login()))
                .map(user -> new Owned<>(user.id(), kind.cast(user.login()))).toList();
    }

    private record Owned<L>(UUID userId, L login) {
    }
}
