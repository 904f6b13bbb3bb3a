package dk.care.provisioning.invitation;

import org.springframework.http.HttpStatus;

/**
 * The HTTP status of a refused token, the same from the redemption API and the registration page: an
 * unknown token is not found, a spent one is gone for good, and too many attempts ask to wait.
 */
public final class RefusalStatus {

    private RefusalStatus() {
    }

    public static HttpStatus of(Redemptions.Refusal refusal) {
        return switch (refusal) {
            case INVITATION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVITATION_EXPIRED, INVITATION_REVOKED, INVITATION_ALREADY_USED -> HttpStatus.GONE;
            case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
