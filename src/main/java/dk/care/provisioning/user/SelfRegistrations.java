package dk.care.provisioning.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Completes phone self-registration: the user's own username and password make the account active. */
@Component
public class SelfRegistrations {

    private final JdbcClient jdbc;
    private final ActivationPublisher activations;
    private final UserStatePublisher states;
    private final Clock clock;

    SelfRegistrations(JdbcClient jdbc, ActivationPublisher activations, UserStatePublisher states, Clock clock) {
        this.jdbc = jdbc;
        this.activations = activations;
        this.states = states;
        this.clock = clock;
    }

    /**
     * Gives a pending user its credential and makes it ACTIVE, publishing the {@link Activation} and the
     * user's new state, all in the caller's transaction; false if the user is not pending. A username taken meanwhile fails
     * on the unique index with a {@link org.springframework.dao.DuplicateKeyException}, which rolls
     * the caller back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean activate(UUID userId, UUID invitationId, Username username, String passwordHash) {
        record Owner(String requestId, String organisationId) {
        }
        Instant now = Instant.now(clock);
        // A change of the user like any other: its version grows (docs/lifecycle.md).
        Optional<Owner> activated = jdbc.sql("""
                        update app_user set status = 'ACTIVE', version = version + 1, updated_at = :now
                        where id = :id and status = 'PENDING_SELF_REGISTRATION'
                        returning request_id, organisation_id""")
                .param("id", userId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Owner(rs.getString(1), rs.getString(2)))
                .optional();
        if (activated.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                        insert into password_credential (user_id, username, password_hash, must_change_password, created_at)
                        values (:id, :username, :hash, false, :now)""")
                .param("id", userId)
                .param("username", username.value())
                .param("hash", passwordHash)
                .param("now", Timestamp.from(now))
                .update();
        activations.publish(new Activation(UUID.randomUUID(), userId, activated.get().requestId(),
                activated.get().organisationId(), username.value(), invitationId, now));
        states.publishCurrent(userId);
        return true;
    }

    /** Whether a username is in use, in any case, across all organisations. */
    public boolean usernameTaken(Username username) {
        return jdbc.sql("select exists (select 1 from password_credential where username = :username)")
                .param("username", username.value())
                .query(Boolean.class)
                .single();
    }
}
