package dk.care.provisioning.audit;

import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes audit entries in the caller's transaction, so the trail and the business rows agree. */
@Component
public class AuditTrail {

    private final BulkInserts bulk;

    AuditTrail(BulkInserts bulk) {
        this.bulk = bulk;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        record(List.of(entry));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<AuditEntry> entries) {
        bulk.add(BulkInsert.into("audit_entry", entries)
                .instant("occurred_at", AuditEntry::occurredAt)
                .column("request_id", "text", AuditEntry::requestId)
                .column("source", "text", AuditEntry::source)
                .column("requested_by", "text", AuditEntry::requestedBy)
                .column("organisation_id", "text", AuditEntry::organisationId)
                .column("outcome", "text", entry -> entry.outcome().name())
                .column("error_codes", "text", AuditEntry::errorCodes)
                .column("user_id", "uuid", AuditEntry::userId)
                .build());
    }
}
