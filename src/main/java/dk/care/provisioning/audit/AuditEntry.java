package dk.care.provisioning.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of the append-only audit trail: who asked for what, from where, and what came of it.
 * Error codes are listed, never the values that caused them.
 */
public record AuditEntry(
        Instant occurredAt,
        String requestId,
        @Nullable String source,
        @Nullable String requestedBy,
        @Nullable String organisationId,
        AuditOutcome outcome,
        @Nullable String errorCodes,
        @Nullable UUID userId) {
}
