package dk.care.provisioning.invitation;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.user.CredentialRules;
import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.SelfRegistrations;
import dk.care.provisioning.user.Username;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.web.AttemptLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The self-registration use cases, for the redemption API and the registration page: look up an
 * invitation by its token, and redeem it with a username and password under the same rules as a
 * {@code STANDARD} login. Refusals name the token's state only (a token is a 256-bit secret, so its
 * state reveals nothing to a guesser) and never whether a user or phone number exists. Failed
 * redemptions count against the token; every request counts against its client address, at the
 * API's edge ({@link dk.care.provisioning.web.AddressLimitFilter}) or through {@link #admitsRequestFrom(String)}.
 */
@Component
public class Redemptions {

    private static final Logger log = LoggerFactory.getLogger(Redemptions.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CredentialRules credentialRules;
    private final PasswordHasher passwordHasher;
    private final SelfRegistrations selfRegistrations;
    private final InvitationStore store;
    private final AuditTrail audit;
    private final InvitationProperties properties;
    private final AttemptLimiter addresses;
    private final Clock clock;
    private final Timer hashing;

    Redemptions(JdbcClient jdbc, TransactionTemplate transactions, CredentialRules credentialRules,
                PasswordHasher passwordHasher, SelfRegistrations selfRegistrations, InvitationStore store,
                AuditTrail audit, InvitationProperties properties, AttemptLimiter redemptionAddressLimiter,
                Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.credentialRules = credentialRules;
        this.passwordHasher = passwordHasher;
        this.selfRegistrations = selfRegistrations;
        this.store = store;
        this.audit = audit;
        this.properties = properties;
        this.addresses = redemptionAddressLimiter;
        this.clock = clock;
        this.hashing = Timer.builder("provisioning.redemption.password.hashing")
                .description("Argon2id hashes computed by redemptions, under the token's row lock").register(meters);
    }

    /** Why a token cannot be used; the names are the API's error codes. */
    public enum Refusal {
        INVITATION_NOT_FOUND, INVITATION_EXPIRED, INVITATION_REVOKED, INVITATION_ALREADY_USED, TOO_MANY_ATTEMPTS
    }

    /** What a look-up ({@link Lookup}) or a redemption ({@link Redemption}) came to. */
    public sealed interface Result {

        /** What a look-up came to: the invitation, or why its token cannot be used. */
        sealed interface Lookup extends Result permits Found, Refused {
        }

        /** What a redemption came to: the user's username, why the token cannot be used, or what to fix. */
        sealed interface Redemption extends Result permits Redeemed, Refused, Invalid {
        }

        /** A usable invitation: whom it greets, from which organisation, and the language it was sent in. */
        record Found(@Nullable String firstName, String organisationName, Instant expiresAt, String locale)
                implements Lookup {
        }

        record Redeemed(String username) implements Redemption {
        }

        record Refused(Refusal refusal) implements Lookup, Redemption {
        }

        record Invalid(List<Violation> violations) implements Redemption {
        }
    }

    /**
     * Counts one request of a client that is not the API's (whose edge counts its own) against the
     * same per-address budget; false once the address has used it up.
     */
    public boolean admitsRequestFrom(String clientAddress) {
        return addresses.tryAcquire(clientAddress).allowed();
    }

    public Result.Lookup lookup(@Nullable String token) {
        Optional<State> state = stateOf(token);
        Optional<Refusal> refusal = refusal(state);
        if (refusal.isPresent()) {
            return new Result.Refused(refusal.get());
        }
        State found = state.orElseThrow();
        return new Result.Found(firstName(found.userName()), found.organisationName(), found.subject().expiresAt(),
                found.locale());
    }

    public Result.Redemption redeem(@Nullable String token, @Nullable String username, @Nullable String password) {
        // Checked before the rules and the row lock, so that a dead token costs nothing.
        Optional<Refusal> early = refusal(stateOf(token));
        if (early.isPresent()) {
            return new Result.Refused(early.get());
        }
        String hash = TokenVault.hash(token);
        CredentialRules.Checked chosen = credentialRules.check("username", username, "password",
                password == null ? null : Secret.of(password));
        if (!chosen.passed()) {
            countFailure(hash);
            return new Result.Invalid(chosen.violations());
        }
        Username finalUsername = Objects.requireNonNull(chosen.username(), "a username that passed");
        try {
            return transactions.execute(status -> complete(hash, finalUsername, Secret.of(password)));
        } catch (DuplicateKeyException e) {
            // Another registration took the username between our check and our insert.
            countFailure(hash);
            return usernameTaken();
        }
    }

    private Result.Redemption complete(String tokenHash, Username username, Secret password) {
        Optional<State> state = state(tokenHash, true);
        Optional<Refusal> refusal = refusal(state);
        if (refusal.isPresent()) {
            return new Result.Refused(refusal.get());
        }
        State invitation = state.orElseThrow();
        if (selfRegistrations.usernameTaken(username)) {
            countFailure(tokenHash);
            return usernameTaken();
        }
        // Argon2id only now, holding the token's row lock: concurrent redemptions of the same token wait
        // above and then find it used, instead of each paying 19 MiB and two passes for nothing.
        String passwordHash = hashing.record(() -> passwordHasher.hash(password));
        if (!selfRegistrations.activate(invitation.subject().userId(), invitation.subject().id(), username,
                passwordHash)) {
            return new Result.Refused(Refusal.INVITATION_ALREADY_USED);
        }
        store.redeem(invitation.subject(), invitation.attempts());
        audit.record(new AuditEntry(Instant.now(clock), invitation.subject().requestId(), "self-registration", null,
                invitation.organisationId(), AuditOutcome.SELF_REGISTERED, null, invitation.subject().userId()));
        log.info("User {} completed self-registration with invitation {}", invitation.subject().userId(),
                invitation.subject().id());
        return new Result.Redeemed(username.value());
    }

    private static Result.Invalid usernameTaken() {
        return new Result.Invalid(List.of(
                new Violation(ErrorCode.USERNAME_TAKEN, "username", "The username is already in use")));
    }

    private void countFailure(String tokenHash) {
        store.countFailedRedemption(tokenHash);
    }

    /** The invitation behind a token as sent; none for anything that is not a token at all. */
    private Optional<State> stateOf(@Nullable String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return state(TokenVault.hash(token), false);
    }

    private Optional<State> state(String hash, boolean locked) {
        return jdbc.sql("""
                        select i.id, i.user_id, u.request_id, i.expires_at, i.status, i.attempts, i.failed_redemptions,
                               u.name, o.name, o.id, i.locale
                        from invitation i join app_user u on u.id = i.user_id join organisation o on o.id = u.organisation_id
                        where i.token_hash = :hash""" + (locked ? " for update of i" : ""))
                .param("hash", hash)
                .query((rs, n) -> new State(new InvitationEvents.Subject(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant()),
                        Invitation.Status.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11)))
                .optional();
    }

    private Optional<Refusal> refusal(Optional<State> state) {
        if (state.isEmpty()) {
            return Optional.of(Refusal.INVITATION_NOT_FOUND);
        }
        State invitation = state.get();
        if (invitation.status() == Invitation.Status.REDEEMED) {
            return Optional.of(Refusal.INVITATION_ALREADY_USED);
        }
        if (invitation.status() == Invitation.Status.REVOKED) {
            return Optional.of(Refusal.INVITATION_REVOKED);
        }
        // Any other status redemption may not leave reads as expired, like a live one past its expiry.
        if (!invitation.status().redeemable() || !Instant.now(clock).isBefore(invitation.subject().expiresAt())) {
            return Optional.of(Refusal.INVITATION_EXPIRED);
        }
        if (invitation.failedRedemptions() >= properties.redemption().maxFailuresPerToken()) {
            return Optional.of(Refusal.TOO_MANY_ATTEMPTS);
        }
        return Optional.empty();
    }

    private static @Nullable String firstName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().split("\\s+", 2)[0];
    }

    private record State(InvitationEvents.Subject subject, Invitation.Status status, int attempts,
                         int failedRedemptions, @Nullable String userName, String organisationName,
                         String organisationId, String locale) {
    }
}
