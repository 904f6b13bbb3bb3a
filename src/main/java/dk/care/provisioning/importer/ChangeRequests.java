package dk.care.provisioning.importer;

import dk.care.provisioning.v1.ByUserId;
import dk.care.provisioning.v1.CancelScheduled;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.Deactivate;
import dk.care.provisioning.v1.Move;
import dk.care.provisioning.v1.Reactivate;
import dk.care.provisioning.v1.UpdateContact;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * A sync's change steps as ChangeUserRequests (docs/design.md §11). The user is referred to by userId,
 * and the record keyed by it: the users topic and the console name users so, and one key puts every
 * change of a user, from any of them, on one partition in order. The userId is also the user the plan
 * compared, not whoever holds the external id when the request arrives.
 */
final class ChangeRequests {

    private final String source;
    private final String organisationId;
    private final String fileName;
    private final String requestedBy;
    private final Clock clock;

    ChangeRequests(String source, String organisationId, String fileName, String requestedBy, Clock clock) {
        this.source = source;
        this.organisationId = organisationId;
        this.fileName = fileName;
        this.requestedBy = requestedBy;
        this.clock = clock;
    }

    ChangeUserRequest of(SyncPlan.Step step, long rowNumber) {
        var request = new ChangeUserRequest();
        request.setRequestId(step.requestId());
        request.setCorrelationId("sync:" + fileName + (rowNumber > 0 ? ":" + rowNumber : ":leaver"));
        request.setSource(source);
        request.setRequestedBy(requestedBy);
        request.setRequestedAt(clock.instant());
        request.setOrganisationId(organisationId);
        request.setUser(new ByUserId(UUID.fromString(Objects.requireNonNull(step.userId(), "a change names its user"))));
        request.setEffectiveAt(step.effectiveAt());
        request.setChange(switch (Objects.requireNonNull(step.change(), "a change step carries its change")) {
            case SyncPlan.Change.Move move -> new Move(move.departmentId(), move.roleId());
            case SyncPlan.Change.UpdateContact contact ->
                    new UpdateContact(contact.name(), contact.email(), contact.phone(), contact.locale());
            case SyncPlan.Change.Deactivate deactivate -> new Deactivate(deactivate.reason());
            case SyncPlan.Change.Reactivate reactivate -> new Reactivate();
            case SyncPlan.Change.CancelScheduled cancel -> new CancelScheduled(cancel.requestId());
        });
        return request;
    }
}
