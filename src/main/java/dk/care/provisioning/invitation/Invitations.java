package dk.care.provisioning.invitation;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import dk.care.provisioning.user.InvitationIssuer;
import dk.care.provisioning.user.NewInvitation;
import dk.care.provisioning.user.UserStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Issues, resends and revokes self-registration invitations, and knows which locales can be invited. */
@Component
public class Invitations implements InvitationIssuer {

    /** The audit trail's {@code source} of resends and revocations through the admin API. */
    static final String ADMIN_SOURCE = "invitation-admin";

    private final JdbcAggregateTemplate aggregates;
    private final JdbcClient jdbc;
    private final BulkInserts bulk;
    private final TokenVault tokens;
    private final InvitationStore store;
    private final InvitationProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    Invitations(JdbcAggregateTemplate aggregates, JdbcClient jdbc, BulkInserts bulk, TokenVault tokens,
                InvitationStore store, InvitationProperties properties, AuditTrail audit, Clock clock) {
        for (String locale : properties.locales()) {
            if (!InvitationTexts.has(locale)) {
                throw new IllegalArgumentException("provisioning.invitations.locales lists " + locale
                        + ", which has no invitation text");
            }
        }
        this.aggregates = aggregates;
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.tokens = tokens;
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public boolean supportsLocale(String languageTag) {
        String language = Locale.forLanguageTag(languageTag).getLanguage();
        return !language.isEmpty() && properties.locales().contains(language);
    }

    /** Each invitation gets a fresh token and expiry, in the caller's transaction (creating users, or a resend). */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void issue(List<NewInvitation> invitations) {
        record Sealed(NewInvitation invitation, String tokenHash, String tokenCiphertext) {
        }
        List<Sealed> rows = invitations.stream().map(invitation -> {
            String token = tokens.newToken();
            return new Sealed(invitation, TokenVault.hash(token), tokens.encrypt(invitation.id(), token));
        }).toList();
        Instant now = Instant.now(clock);
        Instant expires = now.plus(properties.expiry());
        bulk.add(BulkInsert.into("invitation", rows)
                .column("id", "uuid", row -> row.invitation().id())
                .column("user_id", "uuid", row -> row.invitation().userId())
                .column("token_hash", "text", Sealed::tokenHash)
                .column("token_ciphertext", "text", Sealed::tokenCiphertext)
                .column("phone", "text", row -> row.invitation().phone())
                .column("locale", "text", row -> row.invitation().locale())
                .column("status", "text", row -> Invitation.Status.PENDING.name())
                .column("attempts", "int4", row -> 0)
                .instant("next_attempt_at", row -> now)
                .instant("expires_at", row -> expires)
                .instant("created_at", row -> now)
                .build());
    }

    /**
     * Revokes every live invitation of the invitation's user and issues a new one with a new token
     * and a new expiry; the old links stop working in the same transaction, which also writes the
     * audit entry naming who asked. Only for a user still pending self-registration, and at most
     * {@code admin.max-resends-per-user-per-day} times in 24 hours: each resend is an SMS with a
     * live link to a phone number, which must not be sent for an account that is already someone's,
     * nor be usable to flood a phone.
     */
    @Transactional
    public Resent resend(UUID invitationId, String requestedBy) {
        Optional<Invitation> found = lock(invitationId);
        if (found.isEmpty()) {
            return new Resent.NotFound();
        }
        Invitation old = found.get();
        // Locks the user too, so that two resends at once cannot both pass the cap.
        String userStatus = jdbc.sql("select status from app_user where id = :id for update")
                .param("id", old.userId()).query(String.class).single();
        if (UserStatus.DEACTIVATED.name().equals(userStatus) || UserStatus.ERASED.name().equals(userStatus)) {
            return new Resent.UserDeactivated();
        }
        if (old.status() == Invitation.Status.REDEEMED || !UserStatus.PENDING_SELF_REGISTRATION.name().equals(userStatus)) {
            return new Resent.AlreadyRedeemed();
        }
        if (resendsInTheLastDay(old.userId()) >= properties.admin().maxResendsPerUserPerDay()) {
            return new Resent.LimitReached(properties.admin().maxResendsPerUserPerDay());
        }
        UUID newId = UUID.randomUUID();
        store.revokeAllOf(old.userId(), "replaced by invitation " + newId);
        issue(List.of(new NewInvitation(newId, old.userId(), old.phone(), old.locale())));
        audit(old.userId(), AuditOutcome.INVITATION_RESENT, requestedBy);
        return new Resent.Issued(newId);
    }

    /** Invitations of the user issued in the last 24 hours by a resend: all but the user's first invitation. */
    private long resendsInTheLastDay(UUID userId) {
        return jdbc.sql("""
                        select count(*) from invitation
                        where user_id = :user and created_at > :since
                          and id <> (select id from invitation where user_id = :user order by created_at, id limit 1)""")
                .param("user", userId)
                .param("since", Timestamp.from(Instant.now(clock).minus(Duration.ofDays(1))))
                .query(Long.class).single();
    }

    /** Kills the invitation's token, audited as asked by {@code requestedBy}; the user stays pending. */
    @Transactional
    public Revoked revoke(UUID invitationId, String requestedBy) {
        Optional<Invitation> found = lock(invitationId);
        if (found.isEmpty()) {
            return new Revoked.NotFound();
        }
        if (!found.get().allows(Invitation.Transition.REVOKE)) {
            return new Revoked.NotLive(found.get().status());
        }
        store.revoke(invitationId, "revoked by an administrator");
        audit(found.get().userId(), AuditOutcome.INVITATION_REVOKED, requestedBy);
        return new Revoked.Done();
    }

    /**
     * Revokes every live invitation of a user just deactivated, in the caller's transaction, so that
     * its link answers "no longer valid" from the commit on; the deactivation is audited by its caller.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeOnDeactivation(UUID userId) {
        return store.revokeAllOnDeactivation(userId);
    }

    /**
     * Revokes every live invitation of a pending user whose phone number changed, in the caller's
     * transaction, which issues the one to the new number; the change is audited by its caller.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void revokeForNewPhone(UUID userId) {
        store.revokeAllOf(userId, "replaced: the user's phone number changed");
    }

    private void audit(UUID userId, AuditOutcome outcome, String requestedBy) {
        record Owner(String requestId, String organisationId) {
        }
        Owner owner = jdbc.sql("select request_id, organisation_id from app_user where id = :id")
                .param("id", userId)
                .query((rs, n) -> new Owner(rs.getString(1), rs.getString(2)))
                .single();
        audit.record(new AuditEntry(Instant.now(clock), owner.requestId(), ADMIN_SOURCE, requestedBy,
                owner.organisationId(), outcome, null, userId));
    }

    /** The user an invitation belongs to and that user's organisation, if there is such an invitation. */
    @Transactional(readOnly = true)
    public Optional<Owner> owner(UUID invitationId) {
        return jdbc.sql("select u.id, u.organisation_id from invitation i join app_user u on u.id = i.user_id "
                        + "where i.id = :id")
                .param("id", invitationId)
                .query((rs, n) -> new Owner(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    /** Whose an invitation is: the user and the user's organisation. */
    public record Owner(UUID userId, String organisationId) {
    }

    private Optional<Invitation> lock(UUID invitationId) {
        return jdbc.sql("select id from invitation where id = :id for update")
                .param("id", invitationId).query(UUID.class).optional()
                .map(id -> aggregates.findById(id, Invitation.class));
    }

    /** Deletes every invitation of these users, erased in the caller's transaction, with its delivery attempts. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(List<UUID> userIds) {
        store.erase(userIds);
    }

    /** What a resend came to. */
    public sealed interface Resent {
        record Issued(UUID invitationId) implements Resent {
        }

        record NotFound() implements Resent {
        }

        /** The user has registered (or was never pending): there is nothing to invite to. */
        record AlreadyRedeemed() implements Resent {
        }

        /** The user is deactivated (or erased): a leaver is invited to nothing until reactivated. */
        record UserDeactivated() implements Resent {
        }

        /** The user had {@code limit} resends in the last 24 hours already. */
        record LimitReached(int limit) implements Resent {
        }
    }

    /** What a revocation came to. */
    public sealed interface Revoked {
        record Done() implements Revoked {
        }

        record NotFound() implements Revoked {
        }

        record NotLive(Invitation.Status status) implements Revoked {
        }
    }
}
