package dk.care.provisioning.user;

import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import java.util.stream.IntStream;

/**
 * The idempotency records of every request, creation and change alike (requestIds are global), with
 * the violations of the rejected ones: what the console and the query API read a request's state from.
 */
@Component
public class ProcessedRequests {

    private final ProcessedRequestRepository repository;
    private final JdbcClient jdbc;
    private final BulkInserts bulk;

    ProcessedRequests(ProcessedRequestRepository repository, JdbcClient jdbc, BulkInserts bulk) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.bulk = bulk;
    }

    /** The stored records of these requestIds, by requestId. */
    public Map<String, ProcessedRequest> find(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return repository.findAllById(requestIds).stream()
                .collect(Collectors.toMap(ProcessedRequest::requestId, Function.identity()));
    }

    /** Adds these records and violations to the caller's transaction's one insert statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<ProcessedRequest> rows, List<RecordedViolation> violations) {
        bulk.add(BulkInsert.into("processed_request", rows)
                .column("request_id", "text", ProcessedRequest::requestId)
                .column("fingerprint", "text", ProcessedRequest::fingerprint)
                .column("outcome", "text", row -> row.outcome().name())
                .column("user_id", "uuid", ProcessedRequest::userId)
                .column("event_id", "uuid", ProcessedRequest::eventId)
                .column("event_topic", "text", ProcessedRequest::eventTopic)
                .column("event_type", "text", ProcessedRequest::eventType)
                .bytes("event_payload", ProcessedRequest::eventPayload)
                .instant("processed_at", ProcessedRequest::processedAt)
                .build());
        bulk.add(BulkInsert.into("request_violation", violations)
                .column("request_id", "text", RecordedViolation::requestId)
                .column("position", "int4", RecordedViolation::position)
                .column("code", "text", row -> row.violation().code().name())
                .column("field", "text", row -> row.violation().field())
                .column("message", "text", row -> row.violation().message())
                .build());
    }

    /**
     * Replaces the stored outcome of a request by a later one, in the caller's transaction: a
     * scheduled change that was applied, failed or cancelled. Its fingerprint stays, so that the
     * request re-sent re-publishes the later outcome.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void replace(ProcessedRequest later, List<Violation> violations) {
        jdbc.sql("delete from request_violation where request_id = :id").param("id", later.requestId()).update();
        jdbc.sql("""
                        update processed_request set outcome = :outcome, event_id = :eventId, event_topic = :topic,
                            event_type = :type, event_payload = :payload, processed_at = :at
                        where request_id = :id""")
                .param("outcome", later.outcome().name())
                .param("eventId", later.eventId())
                .param("topic", later.eventTopic())
                .param("type", later.eventType())
                .param("payload", later.eventPayload())
                .param("at", Timestamp.from(later.processedAt()))
                .param("id", later.requestId())
                .update();
        record(List.of(), RecordedViolation.of(later.requestId(), violations));
    }

    /** A violation of a rejected request, at its position in the outcome's list. */
    public record RecordedViolation(String requestId, int position, Violation violation) {

        /** Each of {@code violations} at its position. */
        public static List<RecordedViolation> of(String requestId, List<Violation> violations) {
            return IntStream.range(0, violations.size())
                    .mapToObj(i -> new RecordedViolation(requestId, i, violations.get(i))).toList();
        }
    }
}
