package dk.care.provisioning.access;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an attempt on something outside the caller's organisations: the caller got the answer for
 * an id that does not exist, and the audit trail gets an {@link AuditOutcome#OUT_OF_SCOPE} entry naming
 * who tried what on which id, and the organisation it belongs to.
 */
@Component
public class OutOfScope {

    private static final Logger log = LoggerFactory.getLogger(OutOfScope.class);

    private final AuditTrail audit;
    private final Clock clock;

    OutOfScope(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** What was tried; the audit entry's {@code error_codes} names it. */
    public enum Attempt {
        LIST_USERS, VIEW_USER, VIEW_REQUEST, CREATE_USER, CHANGE_USER, RESEND_INVITATION, REVOKE_INVITATION,
        REPLAY_DEAD_LETTER
    }

    /**
     * Audits the attempt by {@code requestedBy} (through {@code source}) on the id (a user, invitation,
     * request or organisation id), which belongs to {@code organisationId}; in its own transaction, so
     * that the entry stays whatever the caller's answer does.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Attempt attempt, String source, String requestedBy, String id, @Nullable String organisationId,
                        @Nullable UUID userId) {
        log.warn("{} by {} via {} on {} refused: outside the caller's organisations", attempt, requestedBy, source, id);
        audit.record(new AuditEntry(Instant.now(clock), id, source, requestedBy, organisationId, AuditOutcome.OUT_OF_SCOPE,
                attempt.name(), userId));
    }
}
