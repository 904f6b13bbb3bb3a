package dk.care.provisioning.audit;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One line of the append-only audit trail: who asked for what, from where, and what came of it.
 * Error codes are listed, never the values that caused them.
 */
@Table("audit_entry")
public record AuditEntry(
        @Id Long id,
        Instant occurredAt,
        String requestId,
        String source,
        String requestedBy,
        String organisationId,
        String outcome,
        String errorCodes,
        UUID userId) {
}
