package dk.care.provisioning.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.invitation.Invitation.Status;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each statement of {@link InvitationStore} changes only a row its transition may leave, and writes an
 * event exactly when it did: a row another instance or a concurrent request changed first is left alone.
 * The rows are written directly, never due for sending, so the running dispatcher leaves them alone.
 */
class InvitationStoreIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    private InvitationStore store;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void aRevocationRevokesALiveInvitationWithOneEventAndLeavesARedeemedOneAlone() {
        InvitationEvents.Subject sent = invitation(Status.SENT);
        InvitationEvents.Subject redeemed = invitation(Status.REDEEMED);

        transactions.executeWithoutResult(status -> {
            store.revoke(sent.id(), "revoked by a test");
            store.revoke(redeemed.id(), "revoked by a test");
        });

        assertThat(status(sent)).isEqualTo("REVOKED");
        assertThat(events(sent)).isEqualTo(1);
        assertThat(status(redeemed)).isEqualTo("REDEEMED");
        assertThat(events(redeemed)).isZero();
    }

    @Test
    void aRedemptionLeavesAnExpiredInvitationAlone() {
        InvitationEvents.Subject expired = invitation(Status.EXPIRED);

        transactions.executeWithoutResult(status -> store.redeem(expired, 1));

        assertThat(status(expired)).isEqualTo("EXPIRED");
        assertThat(events(expired)).isZero();
    }

    @Test
    void aDeliveryIsRecordedOnlyWhileTheInvitationWasStillToBeSent() {
        InvitationEvents.Subject pending = invitation(Status.PENDING);

        Optional<Integer> first = transactions.execute(status -> store.sent(pending));
        Optional<Integer> late = transactions.execute(status -> store.refused(pending, "HTTP 400"));

        assertThat(first).contains(2);
        assertThat(late).as("a refusal recorded by a second instance whose lease ran out").isEmpty();
        assertThat(status(pending)).isEqualTo("SENT");
        assertThat(events(pending)).isEqualTo(1);
    }

    @Test
    void givingUpAfterTheLastAttemptFailsTheInvitationAndEarlierAttemptsKeepItPending() {
        InvitationEvents.Subject pending = invitation(Status.PENDING);
        Instant later = Instant.now().plus(Duration.ofHours(1));

        Optional<Integer> retried = transactions.execute(status -> store.failedTransiently(pending, "HTTP 503", 8, later));
        assertThat(retried).contains(2);
        assertThat(status(pending)).isEqualTo("PENDING");
        assertThat(events(pending)).isZero();

        Optional<Integer> last = transactions.execute(status -> store.failedTransiently(pending, "HTTP 503", 3, later));
        assertThat(last).contains(3);
        assertThat(status(pending)).isEqualTo("DELIVERY_FAILED");
        assertThat(events(pending)).isEqualTo(1);
    }

    /** A row in {@code status}, one attempt made, not due before its expiry a day from now. */
    private InvitationEvents.Subject invitation(Status status) {
        UUID user = UUID.randomUUID();
        String requestId = "store-" + user;
        jdbc.sql("""
                        insert into app_user (id, request_id, organisation_id, department_id, role_id, user_type,
                            login_method, status, name, phone, locale, created_at)
                        values (:id, :request, 'demo-care', 'demo-care.home-care', 'demo-care.relative', 'RELATIVE',
                            'PHONE_SELF_REGISTRATION', 'PENDING_SELF_REGISTRATION', 'Store Test', '+4521999999', 'da', now())""")
                .param("id", user).param("request", requestId).update();
        UUID id = UUID.randomUUID();
        Instant expires = Instant.now().plus(Duration.ofDays(1));
        jdbc.sql("""
                        insert into invitation (id, user_id, token_hash, phone, locale, status, attempts, next_attempt_at,
                            expires_at, created_at)
                        values (:id, :user, :hash, '+4521999999', 'da', :status, 1, :due, :expires, now())""")
                .param("id", id).param("user", user).param("hash", "hash-" + id).param("status", status.name())
                .param("due", Timestamp.from(expires)).param("expires", Timestamp.from(expires)).update();
        return new InvitationEvents.Subject(id, user, requestId, expires);
    }

    private String status(InvitationEvents.Subject invitation) {
        return jdbc.sql("select status from invitation where id = ?").param(invitation.id()).query(String.class).single();
    }

    private long events(InvitationEvents.Subject invitation) {
        return jdbc.sql("select count(*) from outbox_message where topic = ? and message_key = ?")
                .param(topics.invitations()).param(invitation.id().toString()).query(Long.class).single();
    }
}
