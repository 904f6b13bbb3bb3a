package dk.care.provisioning.events;

import dk.care.provisioning.user.ProvisioningOutcome;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.LoginMethod;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.UserStatus;
import dk.care.provisioning.v1.UserType;
import dk.care.provisioning.v1.ValidationError;

/** Maps domain outcomes to the generated Avro classes; the only place that knows both. */
final class OutcomeMapper {

    private OutcomeMapper() {
    }

    static UserCreated toAvro(ProvisioningOutcome.Created created) {
        return UserCreated.newBuilder()
                .setEventId(created.eventId())
                .setRequestId(created.requestId())
                .setCorrelationId(created.correlationId())
                .setOccurredAt(created.occurredAt())
                .setUserId(created.userId())
                .setOrganisationId(created.organisationId())
                .setDepartmentId(created.departmentId())
                .setRoleId(created.roleId())
                .setUserType(UserType.valueOf(created.userType().name()))
                .setLoginMethod(LoginMethod.valueOf(created.loginMethod().name()))
                .setStatus(UserStatus.valueOf(created.status().name()))
                .setName(created.name())
                .setEmail(created.email())
                .setPhone(created.phone())
                .setUsername(created.username())
                .setExternalId(created.externalId())
                .setInvitationId(created.invitationId())
                .build();
    }

    static UserCreationFailed toAvro(ProvisioningOutcome.Rejected rejected) {
        return UserCreationFailed.newBuilder()
                .setEventId(rejected.eventId())
                .setRequestId(rejected.requestId())
                .setCorrelationId(rejected.correlationId())
                .setOccurredAt(rejected.occurredAt())
                .setSource(rejected.source())
                .setOrganisationId(rejected.organisationId())
                .setErrors(rejected.violations().stream().map(OutcomeMapper::toAvro).toList())
                .build();
    }

    static ValidationError toAvro(Violation violation) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.valueOf(violation.code().name()))
                .setField(violation.field())
                .setMessage(violation.message())
                .build();
    }
}
