package dk.care.provisioning.erasure;

import dk.care.provisioning.feed.UserFeed;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Removes deactivated users' personal data, every copy the worker keeps, in the caller's transaction, and publishes their tombstones. */
@Component
public class Erasure {

    /** The fields of the stored events (UserCreated, UserActivated, UserState) that hold personal data. */
    static final Set<String> PERSONAL_FIELDS = Set.of("name", "email", "phone", "username", "externalId");

    private final JdbcClient jdbc;
    private final Invitations invitations;
    private final Outbox outbox;
    private final UserFeed feed;

    Erasure(JdbcClient jdbc, Invitations invitations, Outbox outbox, UserFeed feed) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.outbox = outbox;
        this.feed = feed;
    }

    /**
     * Erases a deactivated user: see {@link #erase(List)}. Throws {@link IllegalStateException} for a
     * user that is not deactivated and {@link IllegalArgumentException} for an unknown id; the caller
     * checks both first.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(UUID userId) {
        erase(List.of(userId));
    }

    /**
     * Erases these deactivated users, locking their rows: name, e-mail, phone and external id cleared
     * and the status {@code ERASED}; the password credential (username, hash) and the MitID identity
     * (CPR ciphertext, blind index) deleted; their invitations (phone, token hash) deleted with the
     * delivery attempts; their pending scheduled changes without contact details and reason; the stored
     * outcome of their creation rewritten without the personal fields (the record itself stays, so a
     * re-sent request is still recognised and creates nobody);
     * their outbox rows deleted once sent, rewritten the same way while unsent; a tombstone appended
     * for each. Ids, organisation, department, role, locale, timestamps and the audit trail stay.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(List<UUID> userIds) {
        // The version and updated_at are the caller's: a change request's erasure counts as its change.
        var ids = new SqlArrayValue("uuid", userIds.toArray());
        record Locked(UUID id, String requestId, String status) {
        }
        List<Locked> users = jdbc.sql("select id, request_id, status from app_user where id = any(:ids) order by id for update")
                .param("ids", ids)
                .query((rs, n) -> new Locked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
        if (users.size() != userIds.stream().distinct().count()) {
            throw new IllegalArgumentException("No user for some of the " + userIds.size() + " ids to erase");
        }
        users.stream().filter(user -> !"DEACTIVATED".equals(user.status())).findFirst().ifPresent(user -> {
            throw new IllegalStateException("User " + user.id() + " is " + user.status() + ": only a deactivated user is erased");
        });
        jdbc.sql("""
                        update app_user set name = null, email = null, phone = null, external_id = null, status = 'ERASED'
                        where id = any(:ids)""")
                .param("ids", ids)
                .update();
        jdbc.sql("delete from password_credential where user_id = any(:ids)").param("ids", ids).update();
        jdbc.sql("delete from mitid_identity where user_id = any(:ids)").param("ids", ids).update();
        invitations.erase(userIds);
        // A change still pending fails as USER_ERASED when due; the details it carries go now.
        jdbc.sql("""
                        update scheduled_change set name = null, email = null, phone = null, reason = null
                        where user_id = any(:ids) and state = 'PENDING'""")
                .param("ids", ids)
                .update();
        scrubProcessedRequests(users.stream().map(Locked::requestId).toList());
        List<String> keys = new ArrayList<>();
        users.forEach(user -> {
            keys.add(user.id().toString());
            keys.add(user.requestId());
        });
        outbox.forget(keys, PERSONAL_FIELDS);
        users.forEach(user -> feed.publishErased(user.id()));
    }

    /**
     * The stored outcome events of the users' creations (by the requestId each user keeps, the table's
     * key), without the personal fields. The outcomes of changes name fields, never their values.
     */
    private void scrubProcessedRequests(List<String> requestIds) {
        record Stored(String requestId, String type, byte[] payload) {
        }
        List<Stored> stored = jdbc.sql("""
                        select request_id, event_type, event_payload from processed_request
                        where request_id = any(:ids) for update""")
                .param("ids", new SqlArrayValue("text", requestIds.toArray()))
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list();
        if (stored.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update processed_request p set event_payload = s.payload
                        from unnest(:ids, :payloads) s (request_id, payload) where p.request_id = s.request_id""")
                .param("ids", new SqlArrayValue("text", stored.stream().map(Stored::requestId).toArray()))
                .param("payloads", new SqlArrayValue("bytea", stored.stream()
                        .map(row -> Outbox.without(row.type(), row.payload(), PERSONAL_FIELDS)).toArray(byte[][]::new)))
                .update();
    }
}
