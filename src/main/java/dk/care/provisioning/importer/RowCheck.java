package dk.care.provisioning.importer;

import dk.care.provisioning.intake.RequestMapper;
import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.FieldRules;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.PhoneSelfRegistration;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a CSV row into the request the worker will receive, and checks it with the worker's own code:
 * the same Avro-to-domain mapping and the same field rules (docs/design.md §4), on the plaintext secrets
 * before they are encrypted. Rules that need the worker's database (reference data, taken usernames,
 * CPR and external id uniqueness) can only be answered by the worker.
 */
final class RowCheck {

    private final ColumnMapping mapping;
    private final FieldRules rules;
    private final String fileName;
    private final String requestedBy;
    private final int attempt;
    private final Clock clock;

    RowCheck(ColumnMapping mapping, FieldRules rules, String fileName, String requestedBy, int attempt, Clock clock) {
        this.mapping = mapping;
        this.rules = rules;
        this.fileName = fileName;
        this.requestedBy = requestedBy;
        this.attempt = attempt;
        this.clock = clock;
    }

    Checked check(CsvRow row) {
        ColumnMapping.Mapped mapped = mapping.apply(row);
        List<Violation> violations = new ArrayList<>();
        for (String field : mapped.untranslatable()) {
            violations.add(new Violation(ErrorCode.MALFORMED_MESSAGE, field, "the cell is none of the allowed values "
                    + "and the mapping has no value." + field.replace("login.", "") + ".<cell> translation for it"));
        }
        for (String field : mapped.badDates()) {
            violations.add(new Violation(ErrorCode.MALFORMED_MESSAGE, field, field + " must be a date written "
                    + mapping.dateFormat() + ", as the mapping's dateFormat says"));
        }
        CreateUserRequest request = request(mapped, row.number());
        for (Violation violation : rules.violationsOf(toDomain(request))) {
            // A cell the mapping could not translate is already reported; "missing" would only repeat it.
            if (!mapped.untranslatable().contains(violation.field())) {
                violations.add(violation);
            }
        }
        return new Checked(request, mapped, violations);
    }

    /** The row's request, unchecked: for publishing a row that {@link #check} passed before. */
    CreateUserRequest request(CsvRow row) {
        return request(mapping.apply(row), row.number());
    }

    /** The request with plaintext secrets; {@code login} is null when the row names no known login method. */
    private CreateUserRequest request(ColumnMapping.Mapped row, long rowNumber) {
        var request = new CreateUserRequest();
        request.setRequestId(RequestIds.of(mapping.source(), row, attempt));
        request.setCorrelationId("import:" + fileName + ":" + rowNumber);
        request.setSource(mapping.source());
        request.setRequestedBy(requestedBy);
        request.setRequestedAt(clock.instant());
        request.setOrganisationId(row.get(RequestField.ORGANISATION_ID));
        request.setDepartmentId(row.get(RequestField.DEPARTMENT_ID));
        request.setRoleId(row.get(RequestField.ROLE_ID));
        String userType = row.get(RequestField.USER_TYPE);
        request.setUserType(userType == null ? null : UserType.valueOf(userType));
        request.setName(row.get(RequestField.NAME));
        request.setEmail(row.get(RequestField.EMAIL));
        request.setPhone(row.get(RequestField.PHONE));
        request.setExternalId(row.get(RequestField.EXTERNAL_ID));
        request.setLocale(row.get(RequestField.LOCALE));
        String login = row.get(RequestField.LOGIN);
        request.setLogin(login == null ? null : switch (LoginMethod.Kind.valueOf(login)) {
            case PHONE_SELF_REGISTRATION -> new PhoneSelfRegistration();
            case STANDARD -> new StandardLogin(row.get(RequestField.USERNAME), row.get(RequestField.PASSWORD),
                    Boolean.parseBoolean(row.get(RequestField.MUST_CHANGE_PASSWORD)));
            case MITID -> new MitIdLogin(row.get(RequestField.CPR));
        });
        return request;
    }

    private static ProvisioningRequest toDomain(CreateUserRequest request) {
        if (request.getLogin() != null) {
            return RequestMapper.toDomain(request);
        }
        // The mapper reads only known login methods; the field rules report the missing one.
        request.setLogin(new PhoneSelfRegistration());
        try {
            return RequestMapper.toDomain(request).withLogin(null);
        } finally {
            request.setLogin(null);
        }
    }

    /** The request a row becomes, with its secrets still in plaintext, and what the field rules found. */
    record Checked(CreateUserRequest request, ColumnMapping.Mapped mapped, List<Violation> violations) {

        boolean valid() {
            return violations.isEmpty();
        }
    }
}
