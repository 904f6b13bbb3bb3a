package dk.care.provisioning.importer;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.v1.CreateUserRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One sync run's bookkeeping around its {@link SyncPlan}: each checked row becomes its steps in the
 * ledger, the changes to send are kept in file order, the leavers are added after the last row, and
 * the guard decides whether any of it may be sent.
 */
final class Sync {

    /** A change to send: its step, and the file row it came from (0 for a leaver). */
    record Pending(long row, SyncPlan.Step step) {
    }

    private final SyncPlan plan;
    private final Map<String, Long> rowOf = new HashMap<>();
    private final List<Pending> changes = new ArrayList<>();
    private long deactivationsNow;

    Sync(SyncPlan plan) {
        this.plan = plan;
    }

    String organisationId() {
        return plan.organisationId();
    }

    /** Puts a checked row's steps into the ledger. */
    void row(CsvRow row, RowCheck.Checked checked, Ledger ledger) {
        CreateUserRequest request = checked.request();
        String externalId = request.getExternalId();
        List<Violation> violations = new ArrayList<>(checked.violations());
        if (externalId == null) {
            violations.add(new Violation(ErrorCode.REQUIRED_FIELD_MISSING, "externalId",
                    "a sync matches rows to users by external id; the row has none"));
        } else {
            Long earlier = rowOf.putIfAbsent(externalId, row.number());
            plan.present(externalId);
            if (earlier != null) {
                violations.add(new Violation(ErrorCode.DUPLICATE_EXTERNAL_ID, "externalId", "row " + earlier
                        + " has the same external id; a sync needs one row per person (this row is left out)"));
            } else if (plan.user(externalId) != null) {
                // The login fields are the creation's: a sync changes no existing user's login.
                violations.removeIf(violation -> violation.field() != null && violation.field().startsWith("login"));
            }
        }
        if (!violations.isEmpty()) {
            ledger.add(row, externalId, request.getRequestId(), violations, false);
            return;
        }
        ColumnMapping.Mapped mapped = checked.mapped();
        var desired = new SyncPlan.Desired(externalId, request.getDepartmentId(), request.getRoleId(),
                stripped(request.getName()), stripped(request.getEmail()), e164(request.getPhone()),
                stripped(request.getLocale()), mapped.date(RequestField.START_DATE), mapped.date(RequestField.END_DATE));
        for (SyncPlan.Step step : plan.row(desired)) {
            if (step.action() == SyncPlan.Action.CREATE) {
                ledger.add(row, externalId, request.getRequestId(), List.of(), false);
                ledger.describe(row.number(), step.action(), step.details());
            } else {
                ledger.addStep(row.number(), row.line(), step);
                add(row.number(), step);
            }
        }
    }

    /** Adds the users of the source that no row named, after the last row. */
    void leavers(String reason, Ledger ledger) {
        for (SyncPlan.Step step : plan.leavers(reason)) {
            ledger.addStep(0, 0, step);
            add(0, step);
        }
    }

    private void add(long row, SyncPlan.Step step) {
        if (step.sends()) {
            changes.add(new Pending(row, step));
            if (step.action() == SyncPlan.Action.DEACTIVATE && step.effectiveAt() == null) {
                deactivationsNow++;
            }
        }
    }

    List<Pending> changes() {
        return changes;
    }

    /** Users deactivated at once: missing from the file, or with an end date before today. */
    long deactivationsNow() {
        return deactivationsNow;
    }

    SyncPlan plan() {
        return plan;
    }

    private static @Nullable String stripped(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The phone as the worker stores it, E.164: the field rules passed it, so it is {@code +} and digits
     * with the spaces people type for readability, which the worker drops.
     */
    private static @Nullable String e164(@Nullable String phone) {
        return phone == null || phone.isBlank() ? null : phone.replace(" ", "");
    }
}
