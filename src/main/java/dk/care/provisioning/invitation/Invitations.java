package dk.care.provisioning.invitation;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import dk.care.provisioning.user.InvitationIssuer;
import dk.care.provisioning.user.NewInvitation;
import java.sql.Timestamp;
import java.time.Clock;
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
    private final InvitationEvents events;
    private final InvitationProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    Invitations(JdbcAggregateTemplate aggregates, JdbcClient jdbc, BulkInserts bulk, TokenVault tokens,
                InvitationEvents events, InvitationProperties properties, AuditTrail audit, Clock clock) {
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
        this.events = events;
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
     * audit entry naming who asked.
     */
    @Transactional
    public Resent resend(UUID invitationId, String requestedBy) {
        Optional<Invitation> found = lock(invitationId);
        if (found.isEmpty()) {
            return new Resent.NotFound();
        }
        Invitation old = found.get();
        if (old.status() == Invitation.Status.REDEEMED) {
            return new Resent.AlreadyRedeemed();
        }
        UUID newId = UUID.randomUUID();
        revokeLive("user_id = :match", old.userId(), "replaced by invitation " + newId);
        issue(List.of(new NewInvitation(newId, old.userId(), old.phone(), old.locale())));
        audit(old.userId(), AuditOutcome.INVITATION_RESENT, requestedBy);
        return new Resent.Issued(newId);
    }

    /** Kills the invitation's token, audited as asked by {@code requestedBy}; the user stays pending. */
    @Transactional
    public Revoked revoke(UUID invitationId, String requestedBy) {
        Optional<Invitation> found = lock(invitationId);
        if (found.isEmpty()) {
            return new Revoked.NotFound();
        }
        if (!found.get().status().redeemable()) {
            return new Revoked.NotLive(found.get().status());
        }
        revokeLive("id = :match", invitationId, "revoked by an administrator");
        audit(found.get().userId(), AuditOutcome.INVITATION_REVOKED, requestedBy);
        return new Revoked.Done();
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

    private void revokeLive(String condition, UUID match, String detail) {
        record Closed(InvitationEvents.Subject subject, int attempts) {
        }
        List<Closed> revoked = jdbc.sql("""
                        update invitation i set status = 'REVOKED', token_ciphertext = null, next_attempt_at = null,
                            closed_at = :now
                        from app_user u
                        where i.%s and i.status in ('PENDING', 'SENT', 'DELIVERY_FAILED') and u.id = i.user_id
                        returning i.id, i.user_id, u.request_id, i.expires_at, i.attempts""".formatted(condition))
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("match", match)
                .query((rs, n) -> new Closed(new InvitationEvents.Subject(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant()), rs.getInt(5)))
                .list();
        revoked.forEach(closed -> events.publish(closed.subject(), Invitation.Status.REVOKED, closed.attempts(), detail));
    }

    /** What a resend came to. */
    public sealed interface Resent {
        record Issued(UUID invitationId) implements Resent {
        }

        record NotFound() implements Resent {
        }

        record AlreadyRedeemed() implements Resent {
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
