package dk.care.provisioning.events;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.lifecycle.ChangeEvents;
import dk.care.provisioning.lifecycle.ChangeOutcome;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dk.care.provisioning.user.PublishedEvent;
import dk.care.provisioning.v1.ChangeKind;
import dk.care.provisioning.v1.UserChangeFailed;
import dk.care.provisioning.v1.UserChanged;
import dk.care.provisioning.v1.UserStatus;
import org.springframework.stereotype.Component;

/**
 * Encodes change outcomes as UserChanged and UserChangeFailed (docs/design.md §11), keyed by requestId,
 * and counts them by outcome and refusals by error code, every series from the start.
 */
@Component
class ChangeOutcomeEvents implements ChangeEvents {

    private final TopicProperties topics;
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    ChangeOutcomeEvents(TopicProperties topics, MeterRegistry registry) {
        this.topics = topics;
        for (String outcome : List.of("changed", "scheduled", "failed", "duplicate")) {
            outcomes.put(outcome, Counter.builder("provisioning.changes").tag("outcome", outcome)
                    .description("Change outcomes published: changed, scheduled (accepted for later), failed, "
                            + "or duplicate (a stored outcome re-published)")
                    .register(registry));
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("provisioning.change.errors").tag("code", code.name())
                    .description("Violations reported in UserChangeFailed, by error code").register(registry));
        }
    }

    @Override
    public void countPublished(ChangeOutcome outcome) {
        switch (outcome) {
            case ChangeOutcome.Changed changed ->
                    outcomes.get(changed.scheduledFor() == null ? "changed" : "scheduled").increment();
            case ChangeOutcome.Failed failed -> {
                outcomes.get("failed").increment();
                failed.violations().stream().map(Violation::code).distinct()
                        .forEach(code -> errors.get(code).increment());
            }
        }
    }

    @Override
    public void countRepublished() {
        outcomes.get("duplicate").increment();
    }

    @Override
    public PublishedEvent encode(ChangeOutcome outcome) {
        Outbox.Message message = switch (outcome) {
            case ChangeOutcome.Changed changed -> Outbox.encode(topics.userChanged(), changed.requestId(),
                    UserChanged.newBuilder()
                            .setEventId(changed.eventId())
                            .setRequestId(changed.requestId())
                            .setCorrelationId(changed.correlationId())
                            .setOccurredAt(changed.occurredAt())
                            .setUserId(changed.userId())
                            .setOrganisationId(changed.organisationId())
                            .setVersion(changed.version())
                            .setStatus(UserStatus.valueOf(changed.status().name()))
                            .setChange(ChangeKind.valueOf(changed.change().name()))
                            .setChangedFields(changed.changedFields())
                            .setScheduledFor(changed.scheduledFor())
                            .build());
            case ChangeOutcome.Failed failed -> Outbox.encode(topics.userChangeFailed(), failed.requestId(),
                    UserChangeFailed.newBuilder()
                            .setEventId(failed.eventId())
                            .setRequestId(failed.requestId())
                            .setCorrelationId(failed.correlationId())
                            .setOccurredAt(failed.occurredAt())
                            .setSource(failed.source())
                            .setOrganisationId(failed.organisationId())
                            .setUserId(failed.userId())
                            .setErrors(failed.violations().stream().map(OutcomeMapper::toAvro).toList())
                            .build());
        };
        return new PublishedEvent(outcome.eventId(), message.topic(), message.key(), message.type(), message.payload());
    }
}
