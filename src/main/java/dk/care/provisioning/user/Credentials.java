package dk.care.provisioning.user;

import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.security.Secret;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Makes the login of an approved request: an Argon2id hash of its password, or its CPR encrypted.
 * The costly part of provisioning, so it runs only once every rule has passed; hashing starts at
 * once on the hashing threads, and the password's own transaction opens when it is done.
 */
@Component
class Credentials {

    private final PasswordHashing passwords;
    private final CprProtector cprs;

    Credentials(PasswordHashing passwords, CprProtector cprs) {
        this.passwords = passwords;
        this.cprs = cprs;
    }

    User.Login of(Screening.Screened approved, Instant now) {
        ValidatedFields fields = approved.fields();
        return switch (Objects.requireNonNull(approved.request().login(), "an approved request has a login")) {
            case LoginMethod.Standard standard -> new User.PasswordCredential(fields.username().value(),
                    passwords.hash(standard.password()), standard.mustChangePassword(), now);
            case LoginMethod.MitId ignored -> {
                Claims.OrganisationKey cpr = approved.claims().cpr();
                yield new User.MitIdIdentity(cpr.organisationId(), cprs.encrypt(Secret.of(fields.cpr().digits())),
                        cpr.value());
            }
            case LoginMethod.PhoneSelfRegistration ignored -> new User.SelfRegistration();
        };
    }
}
