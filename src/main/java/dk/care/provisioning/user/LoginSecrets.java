package dk.care.provisioning.user;

import dk.care.provisioning.security.Secret;
import dk.care.provisioning.security.SecretResolution;
import dk.care.provisioning.security.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reveals the secrets of a login: each JWE decrypted (or plaintext, where allowed), each refusal a violation. */
@Component
class LoginSecrets {

    private static final String PASSWORD_FIELD = "login.password";
    private static final String CPR_FIELD = "login.cpr";

    private final SecretResolver resolver;

    LoginSecrets(SecretResolver resolver) {
        this.resolver = resolver;
    }

    /** The login with its secrets in plaintext; a refused secret stays as sent, and is reported. */
    Revealed reveal(@Nullable LoginMethod login) {
        List<Violation> violations = new ArrayList<>();
        LoginMethod revealed = switch (login) {
            case LoginMethod.Standard standard when standard.password() != null -> new LoginMethod.Standard(
                    standard.username(), plaintext(standard.password(), PASSWORD_FIELD, violations),
                    standard.mustChangePassword());
            case LoginMethod.MitId mitId when mitId.cpr() != null ->
                    new LoginMethod.MitId(plaintext(mitId.cpr(), CPR_FIELD, violations));
            case null, default -> login;
        };
        return new Revealed(revealed, violations);
    }

    private Secret plaintext(Secret secret, String field, List<Violation> violations) {
        return switch (resolver.resolve(secret)) {
            case SecretResolution.Resolved(Secret plaintext) -> plaintext;
            case SecretResolution.Rejected(SecretResolution.Reason reason, String message) -> {
                violations.add(new Violation(switch (reason) {
                    case PLAINTEXT_REFUSED -> ErrorCode.PLAINTEXT_SECRET_REJECTED;
                    case DECRYPTION_FAILED -> ErrorCode.SECRET_DECRYPTION_FAILED;
                }, field, message));
                yield secret;
            }
        };
    }

    /** A login after {@link #reveal}, and one violation per refused secret. */
    record Revealed(@Nullable LoginMethod login, List<Violation> violations) {

        Revealed {
            violations = List.copyOf(violations);
        }

        /** Whether the secret in this field was refused, so that it is still ciphertext. */
        boolean refused(@Nullable String field) {
            return violations.stream().anyMatch(violation -> Objects.equals(violation.field(), field));
        }
    }
}
