package dk.care.provisioning.audit;

import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes audit entries in the caller's transaction, so the trail and the business rows agree. */
@Component
public class AuditTrail {

    private final JdbcAggregateTemplate aggregates;

    AuditTrail(JdbcAggregateTemplate aggregates) {
        this.aggregates = aggregates;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        aggregates.insert(entry);
    }
}
