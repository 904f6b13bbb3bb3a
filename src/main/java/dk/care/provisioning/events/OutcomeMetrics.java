package dk.care.provisioning.events;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.ProvisioningOutcome;
import dk.care.provisioning.user.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts outcomes by kind and rejections by error code. Told only after the commit, so a transaction
 * rolled back and retried is counted once. Every series exists from the start (at zero), so rates
 * and alerts work before the first failure of a kind.
 */
@Component
class OutcomeMetrics {

    static final String REQUESTS = "provisioning.requests";
    static final String ERRORS = "provisioning.request.errors";

    private final Counter created;
    private final Counter failed;
    private final Counter duplicate;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    OutcomeMetrics(MeterRegistry registry) {
        created = requests(registry, "created");
        failed = requests(registry, "failed");
        duplicate = requests(registry, "duplicate");
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder(ERRORS).tag("code", code.name())
                    .description("Violations reported in UserCreationFailed, by error code").register(registry));
        }
    }

    private static Counter requests(MeterRegistry registry, String outcome) {
        return Counter.builder(REQUESTS).tag("outcome", outcome)
                .description("Outcomes published: created, failed, or duplicate (a stored outcome re-published)")
                .register(registry);
    }

    void published(ProvisioningOutcome outcome) {
        switch (outcome) {
            case ProvisioningOutcome.Created ignored -> created.increment();
            case ProvisioningOutcome.Rejected rejected -> {
                failed.increment();
                rejected.violations().stream().map(Violation::code).distinct()
                        .forEach(code -> errors.get(code).increment());
            }
        }
    }

    void republished() {
        duplicate.increment();
    }
}
