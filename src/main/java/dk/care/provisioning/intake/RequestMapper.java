package dk.care.provisioning.intake;

import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;
import java.util.stream.IntStream;
import org.apache.avro.generic.IndexedRecord;

/**
 * Maps the generated Avro request to the domain request, so nothing past intake sees generated code.
 * Public for the import command, which checks rows exactly as the worker will read them.
 */
public final class RequestMapper {

    private RequestMapper() {
    }

    public static ProvisioningRequest toDomain(CreateUserRequest request) {
        // PostgreSQL text cannot hold NUL: such a request could never be stored, not even as a rejection.
        if (containsNul(request)) {
            throw new UnusableRequestException("a text field contains the NUL character");
        }
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

    /** Whether a text anywhere in the record holds the NUL character, which PostgreSQL text cannot hold. */
    static boolean containsNul(Object value) {
        return switch (value) {
            case CharSequence text -> text.toString().indexOf('\0') >= 0;
            case IndexedRecord record -> IntStream.range(0, record.getSchema().getFields().size())
                    .anyMatch(field -> containsNul(record.get(field)));
            case null, default -> false;
        };
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
