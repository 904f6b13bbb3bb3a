package dk.care.provisioning.invitation;

import dk.care.provisioning.invitation.Invitation.Transition;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Every {@code update invitation} statement, and the delivery attempts' records. A status changes
 * only through a {@link Transition}, and only where the row's status is one the transition may leave
 * ({@code status in (:from)}), each with its {@code InvitationEvent}; a row changed meanwhile is left
 * alone and gets no event. Callers hold the transaction.
 */
@Component
class InvitationStore {

    private final JdbcClient jdbc;
    private final InvitationEvents events;
    private final Clock clock;

    InvitationStore(JdbcClient jdbc, InvitationEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** An invitation claimed for sending, with what its SMS needs. */
    record Due(InvitationEvents.Subject subject, String organisationName, String phone, String locale,
               String tokenCiphertext, int attempts) {
    }

    /**
     * Claims up to {@code limit} invitations due for sending by pushing their next attempt to
     * {@code leaseEnd}; rows locked by another instance are skipped, not waited for.
     */
    List<Due> claimDue(Instant leaseEnd, int limit) {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                        update invitation i set next_attempt_at = :leaseEnd
                        from app_user u, organisation o
                        where i.id in (select id from invitation
                                       where status in (:sendable) and next_attempt_at <= :now and expires_at > :now
                                       order by next_attempt_at limit :limit for update skip locked)
                          and u.id = i.user_id and o.id = u.organisation_id
                        returning i.id, i.user_id, u.request_id, o.name, i.phone, i.locale, i.token_ciphertext,
                                  i.attempts, i.expires_at""")
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .param("now", Timestamp.from(now))
                .param("sendable", Transition.SEND.fromNames())
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        new InvitationEvents.Subject(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), rs.getTimestamp(9).toInstant()),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
                .list();
    }

    /** Makes a claimed invitation due again at once, its lease given back unused. */
    void dueAgain(UUID id) {
        jdbc.sql("update invitation set next_attempt_at = :now where id = :id and status in (:sendable)")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", id)
                .param("sendable", Transition.SEND.fromNames())
                .update();
    }

    /**
     * {@link Transition#SEND}: the provider took the SMS. Returns the attempt's number, or empty when the
     * invitation was no longer to be sent (revoked meanwhile, or finished by an instance that took over).
     */
    Optional<Integer> sent(InvitationEvents.Subject invitation) {
        return attempted(invitation, Transition.SEND, null);
    }

    /** {@link Transition#FAIL}: the provider refused the SMS for good; as {@link #sent}. */
    Optional<Integer> refused(InvitationEvents.Subject invitation, String detail) {
        return attempted(invitation, Transition.FAIL, detail);
    }

    private Optional<Integer> attempted(InvitationEvents.Subject invitation, Transition transition,
                                        @Nullable String detail) {
        Optional<Integer> attempt = jdbc.sql("""
                        update invitation set status = :to, attempts = attempts + 1, token_ciphertext = null,
                            next_attempt_at = null, last_error = :detail,
                            sent_at = case when :sent then cast(:now as timestamptz) end,
                            closed_at = case when :sent then null else cast(:now as timestamptz) end
                        where id = :id and status in (:from)
                        returning attempts""")
                .param("to", transition.to().name())
                // Sent: when it went out (and still open); failed: when dispatching ended.
                .param("sent", transition == Transition.SEND)
                .param("detail", detail)
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", invitation.id())
                .param("from", transition.fromNames())
                .query(Integer.class).optional();
        attempt.ifPresent(number -> events.publish(invitation, transition.to(), number, detail));
        return attempt;
    }

    /**
     * Records a failed attempt worth retrying: due again at {@code nextAttemptAt}, or {@link Transition#FAIL}
     * once it was attempt {@code maxAttempts}. Returns the attempt's number, or empty when the invitation
     * was no longer to be sent.
     */
    Optional<Integer> failedTransiently(InvitationEvents.Subject invitation, String detail, int maxAttempts,
                                        Instant nextAttemptAt) {
        record Result(String status, int attempts) {
        }
        Transition giveUp = Transition.FAIL;
        Optional<Result> result = jdbc.sql("""
                        update invitation set attempts = attempts + 1, last_error = :detail,
                            status = case when attempts + 1 >= :max then cast(:failed as text) else status end,
                            next_attempt_at = case when attempts + 1 >= :max then null else cast(:next as timestamptz) end,
                            token_ciphertext = case when attempts + 1 >= :max then null else token_ciphertext end,
                            closed_at = case when attempts + 1 >= :max then cast(:now as timestamptz) end
                        where id = :id and status in (:from)
                        returning status, attempts""")
                .param("detail", detail)
                .param("max", maxAttempts)
                .param("failed", giveUp.to().name())
                .param("next", Timestamp.from(nextAttemptAt))
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", invitation.id())
                // Retrying keeps the status, so the rows it may touch are those giving up may leave.
                .param("from", giveUp.fromNames())
                .query((rs, n) -> new Result(rs.getString(1), rs.getInt(2))).optional();
        result.filter(changed -> changed.status().equals(giveUp.to().name()))
                .ifPresent(failed -> events.publish(invitation, giveUp.to(), failed.attempts(),
                        "gave up after " + failed.attempts() + " attempts, last: " + detail));
        return result.map(Result::attempts);
    }

    /** {@link Transition#EXPIRE}s up to {@code limit} invitations past their expiry; returns how many. */
    int expireDue(int limit) {
        Instant now = Instant.now(clock);
        return closeAll(Transition.EXPIRE, "i.id in (select id from invitation where status in (:from) "
                + "and expires_at <= :now limit :limit for update skip locked)", now, null,
                statement -> statement.param("limit", limit));
    }

    /**
     * {@link Transition#REDEEM}s the invitation. The caller holds its row lock and found it redeemable;
     * the guard keeps the statement honest should that ever change.
     */
    void redeem(InvitationEvents.Subject invitation, int attempts) {
        boolean redeemed = jdbc.sql("""
                        update invitation set status = :to, token_ciphertext = null, next_attempt_at = null,
                            closed_at = :now
                        where id = :id and status in (:from)""")
                .param("to", Transition.REDEEM.to().name())
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", invitation.id())
                .param("from", Transition.REDEEM.fromNames())
                .update() == 1;
        if (redeemed) {
            events.publish(invitation, Transition.REDEEM.to(), attempts, null);
        }
    }

    /** {@link Transition#REVOKE}s the invitation, if it may; {@code detail} goes into its event. */
    void revoke(UUID invitationId, String detail) {
        closeAll(Transition.REVOKE, "i.id = :match", Instant.now(clock), detail,
                statement -> statement.param("match", invitationId));
    }

    /** {@link Transition#REVOKE}s every invitation of the user that may be revoked. */
    void revokeAllOf(UUID userId, String detail) {
        closeAll(Transition.REVOKE, "i.user_id = :match", Instant.now(clock), detail,
                statement -> statement.param("match", userId));
    }

    /** {@link Transition#REVOKE_ON_DEACTIVATION}s every live invitation of a deactivated user; returns how many. */
    int revokeAllOnDeactivation(UUID userId) {
        return closeAll(Transition.REVOKE_ON_DEACTIVATION, "i.user_id = :match", Instant.now(clock),
                "the user was deactivated", statement -> statement.param("match", userId));
    }

    /**
     * Records one delivery attempt of an invitation. {@code attempt} is the number {@link #sent},
     * {@link #refused} or {@link #failedTransiently} returned, or the claimed one's next when the row was
     * closed meanwhile.
     */
    void recordAttempt(UUID invitationId, int attempt, String provider, String outcome, @Nullable String detail) {
        jdbc.sql("""
                        insert into invitation_attempt (invitation_id, attempt, attempted_at, provider, outcome, detail)
                        values (:id, :attempt, :at, :provider, :outcome, :detail)""")
                .param("id", invitationId)
                .param("attempt", attempt)
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("provider", provider)
                .param("outcome", outcome)
                .param("detail", detail)
                .update();
    }

    /** Counts a failed redemption against the token, whatever its status. */
    void countFailedRedemption(String tokenHash) {
        jdbc.sql("update invitation set failed_redemptions = failed_redemptions + 1 where token_hash = :hash")
                .param("hash", tokenHash)
                .update();
    }

    /**
     * Deletes every invitation of these users with its delivery attempts: the phone and the token's
     * hash are personal data, and nothing may redeem or resend an erased user's invitation.
     */
    void erase(List<UUID> userIds) {
        var users = new SqlArrayValue("uuid", userIds.toArray());
        jdbc.sql("""
                        delete from invitation_attempt
                        where invitation_id in (select id from invitation where user_id = any(:users))""")
                .param("users", users)
                .update();
        jdbc.sql("delete from invitation where user_id = any(:users)").param("users", users).update();
    }

    /** Moves every matching row the transition may leave to its final status, one event each. */
    private int closeAll(Transition transition, String condition, Instant now, @Nullable String detail,
                        UnaryOperator<JdbcClient.StatementSpec> bind) {
        record Closed(InvitationEvents.Subject subject, int attempts) {
        }
        List<Closed> closed = bind.apply(jdbc.sql("""
                        update invitation i set status = :to, token_ciphertext = null, next_attempt_at = null,
                            closed_at = :now
                        from app_user u
                        where %s and i.status in (:from) and u.id = i.user_id
                        returning i.id, i.user_id, u.request_id, i.expires_at, i.attempts""".formatted(condition))
                        .param("to", transition.to().name())
                        .param("now", Timestamp.from(now))
                        .param("from", transition.fromNames()))
                .query((rs, n) -> new Closed(new InvitationEvents.Subject(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant()), rs.getInt(5)))
                .list();
        closed.forEach(row -> events.publish(row.subject(), transition.to(), row.attempts(), detail));
        return closed.size();
    }
}
