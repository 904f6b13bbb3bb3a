package dk.care.provisioning.intake;

import dk.care.provisioning.lifecycle.Change;
import dk.care.provisioning.lifecycle.ChangeRequest;
import dk.care.provisioning.lifecycle.UserReference;
import dk.care.provisioning.v1.ByExternalId;
import dk.care.provisioning.v1.ByUserId;
import dk.care.provisioning.v1.CancelScheduled;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.Deactivate;
import dk.care.provisioning.v1.Erase;
import dk.care.provisioning.v1.Move;
import dk.care.provisioning.v1.Reactivate;
import dk.care.provisioning.v1.UpdateContact;

/** Maps the generated Avro change request to the lifecycle's, so nothing past intake sees generated code. */
final class ChangeMapper {

    private ChangeMapper() {
    }

    static ChangeRequest toDomain(ChangeUserRequest request) {
        if (RequestMapper.containsNul(request)) {
            throw new UnusableRequestException("a text field contains the NUL character");
        }
        return new ChangeRequest(
                request.getRequestId(),
                request.getCorrelationId(),
                request.getSource(),
                request.getRequestedBy(),
                request.getRequestedAt(),
                request.getOrganisationId(),
                user(request.getUser()),
                request.getExpectedVersion(),
                request.getEffectiveAt(),
                change(request.getChange()));
    }

    private static UserReference user(Object user) {
        return switch (user) {
            case ByUserId byUserId -> new UserReference.ById(byUserId.getUserId());
            case ByExternalId byExternalId -> new UserReference.ByExternalId(byExternalId.getExternalId());
            case null, default -> throw new UnusableRequestException("user is neither a userId nor an externalId");
        };
    }

    private static Change change(Object change) {
        return switch (change) {
            case UpdateContact contact -> new Change.UpdateContact(contact.getName(), contact.getEmail(),
                    contact.getPhone(), contact.getLocale());
            case Move move -> new Change.Move(move.getDepartmentId(), move.getRoleId());
            case Deactivate deactivate -> new Change.Deactivate(deactivate.getReason());
            case Reactivate ignored -> new Change.Reactivate();
            case Erase ignored -> new Change.Erase();
            case CancelScheduled cancel -> new Change.CancelScheduled(cancel.getRequestId());
            case null, default -> throw new UnusableRequestException("change is not one of the known changes");
        };
    }
}
