package dk.care.provisioning.user;

import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.security.Secret;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The checks of a request that need no database, run before any transaction: its login's secrets
 * revealed, every field rule, and the unique values it would claim, taken from the values that
 * passed their rules so that uniqueness is judged even when other rules fail. Nothing is hashed or
 * encrypted here; only the CPR's blind index is computed, as it is the value that must be unique.
 */
@Component
class Screening {

    private final LoginSecrets secrets;
    private final FieldRules fieldRules;
    private final CprProtector cprs;

    Screening(LoginSecrets secrets, FieldRules fieldRules, CprProtector cprs) {
        this.secrets = secrets;
        this.fieldRules = fieldRules;
        this.cprs = cprs;
    }

    Screened screen(ProvisioningRequest request) {
        LoginSecrets.Revealed login = secrets.reveal(request.login());
        ProvisioningRequest plain = request.withLogin(login.login());
        FieldCheck check = fieldRules.check(plain);
        List<Violation> violations = new ArrayList<>(login.violations());
        for (Violation violation : check.violations()) {
            // A secret that could not be read has nothing more to say; rules on it would judge ciphertext.
            if (!login.refused(violation.field())) {
                violations.add(violation);
            }
        }
        return new Screened(plain, Fingerprint.of(request), check.fields(), violations, claims(plain, check.fields()));
    }

    private Claims claims(ProvisioningRequest request, ValidatedFields fields) {
        String organisationId = request.organisationId();
        return new Claims(
                fields.username() == null ? null : fields.username().value(),
                fields.cpr() == null || organisationId == null ? null : new Claims.OrganisationKey(organisationId,
                        cprs.blindIndex(Secret.of(fields.cpr().digits()))),
                request.externalId() == null || organisationId == null ? null
                        : new Claims.OrganisationKey(organisationId, request.externalId()));
    }

    /**
     * A request after screening: with its secrets in plaintext where they could be read, its fields'
     * normalised values, the violations found so far, and the unique values it would claim.
     */
    record Screened(ProvisioningRequest request, String fingerprint, ValidatedFields fields, List<Violation> violations,
                    Claims claims) {

        Screened {
            violations = List.copyOf(violations);
        }

        /** Whether the requestId can serve as the idempotency key; without one nothing can be made idempotent. */
        boolean keyed() {
            return usableAsKey(request.requestId());
        }

        static boolean usableAsKey(@Nullable String requestId) {
            return FieldRules.isRequestId(requestId);
        }
    }
}
