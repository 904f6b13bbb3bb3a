package dk.care.provisioning.audit;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes audit entries in the caller's transaction, so the trail and the business rows agree. */
@Component
public class AuditTrail {

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        recordAll(List.of(entry));
    }

    /** Appends the entries in one batched statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        insert into audit_entry (occurred_at, request_id, source, requested_by, organisation_id,
                                                 outcome, error_codes, user_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""", entries, entries.size(), (statement, entry) -> {
                    statement.setTimestamp(1, Timestamp.from(entry.occurredAt()));
                    statement.setString(2, entry.requestId());
                    statement.setString(3, entry.source());
                    statement.setString(4, entry.requestedBy());
                    statement.setString(5, entry.organisationId());
                    statement.setString(6, entry.outcome());
                    statement.setString(7, entry.errorCodes());
                    statement.setObject(8, entry.userId(), Types.OTHER);
                });
    }
}
