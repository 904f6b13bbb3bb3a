package dk.care.provisioning.user;

import dk.care.provisioning.organisation.Organisation;
import dk.care.provisioning.organisation.ReferenceData;
import dk.care.provisioning.organisation.Role;
import dk.care.provisioning.organisation.UserType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rules that need reference data: organisation, department, role, MitID and locale. Public for the
 * changes of a user (lifecycle), which apply the same placement and locale rules as creation.
 */
@Component
public class ReferenceRules {

    private static final int MAX_LANGUAGE_TAG_LENGTH = 35;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*");

    private final ReferenceData referenceData;
    private final InvitationIssuer invitations;

    ReferenceRules(ReferenceData referenceData, InvitationIssuer invitations) {
        this.referenceData = referenceData;
        this.invitations = invitations;
    }

    /** The organisation if the request may create users in it, plus every violation found. */
    Checked check(ProvisioningRequest request) {
        List<Violation> violations = new ArrayList<>();
        String organisationId = request.organisationId();
        Optional<Organisation> organisation = referenceData.organisation(organisationId).filter(Organisation::active);
        if (organisationId != null && !organisationId.isBlank() && organisation.isEmpty()) {
            violations.add(new Violation(ErrorCode.ORGANISATION_NOT_FOUND, "organisationId",
                    "No active organisation with this id"));
        }
        violations.addAll(placementViolations("", organisationId, request.departmentId(), request.roleId(),
                request.userType()));
        if (request.login() instanceof LoginMethod.MitId
                && organisation.filter(Organisation::mitidEnabled).isEmpty() && organisation.isPresent()) {
            violations.add(new Violation(ErrorCode.MITID_NOT_ENABLED, "login",
                    "The organisation does not use MitID authentication"));
        }
        violations.addAll(localeViolations("locale", request.locale()));
        return new Checked(organisation, violations);
    }

    /**
     * Whether a user of {@code userType} in {@code organisationId} may be placed in this department
     * with this role: both active and of the organisation ({@code DEPARTMENT_NOT_FOUND},
     * {@code ROLE_NOT_FOUND} otherwise, a closed department included), and the role allowing the user
     * type ({@code ROLE_NOT_ALLOWED_FOR_USER_TYPE}). Absent ids are not judged here. Fields are
     * named under {@code prefix}.
     */
    public List<Violation> placementViolations(String prefix, @Nullable String organisationId,
                                               @Nullable String departmentId, @Nullable String roleId,
                                               @Nullable UserType userType) {
        List<Violation> violations = new ArrayList<>();
        if (present(departmentId) && referenceData.department(departmentId)
                .filter(department -> department.acceptsUsersOf(organisationId)).isEmpty()) {
            violations.add(new Violation(ErrorCode.DEPARTMENT_NOT_FOUND, prefix + "departmentId",
                    "No active department with this id in the organisation"));
        }
        if (present(roleId)) {
            Optional<Role> role = referenceData.role(roleId).filter(candidate -> candidate.acceptsUsersOf(organisationId));
            if (role.isEmpty()) {
                violations.add(new Violation(ErrorCode.ROLE_NOT_FOUND, prefix + "roleId",
                        "No active role with this id in the organisation"));
            } else if (userType != null && !role.get().allows(userType)) {
                violations.add(new Violation(ErrorCode.ROLE_NOT_ALLOWED_FOR_USER_TYPE, prefix + "roleId",
                        "The role does not allow user type " + userType));
            }
        }
        return violations;
    }

    /** {@code UNSUPPORTED_LOCALE} for a locale present that no invitation text exists for, reported at {@code field}. */
    public List<Violation> localeViolations(String field, @Nullable String locale) {
        if (present(locale) && !(isLanguageTag(locale) && invitations.supportsLocale(locale))) {
            return List.of(new Violation(ErrorCode.UNSUPPORTED_LOCALE, field, "No invitation text for this locale"));
        }
        return List.of();
    }

    /**
     * BCP 47 syntax within the 35 characters RFC 5646 asks every implementation to handle: anything
     * else is unsupported before it is parsed, and is never stored with a user.
     */
    private static boolean isLanguageTag(String locale) {
        return locale.length() <= MAX_LANGUAGE_TAG_LENGTH && LANGUAGE_TAG.matcher(locale).matches();
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    record Checked(Optional<Organisation> organisation, List<Violation> violations) {
    }
}
