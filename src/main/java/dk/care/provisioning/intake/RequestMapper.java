package dk.care.provisioning.intake;

import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.user.Secret;
import dk.care.provisioning.user.UserType;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;

/** Maps the generated Avro request to the domain request, so nothing past intake sees generated code. */
final class RequestMapper {

    private RequestMapper() {
    }

    static ProvisioningRequest toDomain(CreateUserRequest request) {
        return new ProvisioningRequest(
                request.getRequestId(),
                request.getCorrelationId(),
                request.getSource(),
                request.getRequestedBy(),
                request.getRequestedAt(),
                request.getOrganisationId(),
                request.getDepartmentId(),
                request.getRoleId(),
                request.getUserType() == null ? null : UserType.valueOf(request.getUserType().name()),
                request.getName(),
                request.getEmail(),
                request.getPhone(),
                request.getExternalId(),
                request.getLocale(),
                login(request.getLogin()));
    }

    private static LoginMethod login(Object login) {
        return switch (login) {
            case PhoneSelfRegistration ignored -> new LoginMethod.PhoneSelfRegistration();
            case StandardLogin standard -> new LoginMethod.Standard(standard.getUsername(),
                    Secret.of(standard.getPassword()), standard.getMustChangePassword());
            case MitIdLogin mitId -> new LoginMethod.MitId(Secret.of(mitId.getCpr()));
            case null, default -> throw new UnusableRequestException("login is not one of the known login methods");
        };
    }
}
