package dk.care.provisioning.testing;

import dk.care.provisioning.v1.ByExternalId;
import dk.care.provisioning.v1.ByUserId;
import dk.care.provisioning.v1.CancelScheduled;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.Deactivate;
import dk.care.provisioning.v1.Erase;
import dk.care.provisioning.v1.Move;
import dk.care.provisioning.v1.Reactivate;
import dk.care.provisioning.v1.UpdateContact;
import java.time.Instant;
import java.util.UUID;

/** Valid change requests for a user of the demo organisation {@code demo-care}, to vary in tests. */
public final class Changes {

    private Changes() {
    }

    public static ChangeUserRequest.Builder of(UUID userId, Object change) {
        return ChangeUserRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCorrelationId("corr-" + UUID.randomUUID())
                .setSource("hr-test")
                .setRequestedBy("hr.tester")
                .setRequestedAt(Instant.now())
                .setOrganisationId("demo-care")
                .setUser(ByUserId.newBuilder().setUserId(userId).build())
                .setChange(change);
    }

    public static ChangeUserRequest.Builder ofExternalId(String externalId, Object change) {
        return of(UUID.randomUUID(), change).setUser(ByExternalId.newBuilder().setExternalId(externalId).build());
    }

    public static Move move(String departmentId, String roleId) {
        return Move.newBuilder().setDepartmentId(departmentId).setRoleId(roleId).build();
    }

    public static UpdateContact.Builder contact() {
        return UpdateContact.newBuilder();
    }

    public static Deactivate deactivate() {
        return Deactivate.newBuilder().setReason("left the organisation").build();
    }

    public static Reactivate reactivate() {
        return Reactivate.newBuilder().build();
    }

    public static Erase erase() {
        return Erase.newBuilder().build();
    }

    public static CancelScheduled cancel(String requestId) {
        return CancelScheduled.newBuilder().setRequestId(requestId).build();
    }

    /** The partition key of a change: the user reference's text. */
    public static String key(ChangeUserRequest request) {
        return switch (request.getUser()) {
            case ByUserId byUserId -> byUserId.getUserId().toString();
            case ByExternalId byExternalId -> byExternalId.getExternalId();
            default -> throw new IllegalArgumentException("unknown user reference " + request.getUser());
        };
    }
}
