package dk.care.provisioning.invitation;

import dk.care.provisioning.user.Violation;
import dk.care.provisioning.web.ErrorAnswer;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The redemption API of the self-registration page. Tokens travel in request bodies, never in
 * URLs, so that they stay out of access logs and browser history of the API host. JSON only: any
 * other content type is refused before a body is read.
 */
@RestController
@RequestMapping("/api/invitations")
class RedemptionController {

    private final Redemptions redemptions;

    RedemptionController(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> lookup(@RequestBody TokenBody body) {
        return respond(redemptions.lookup(body.token()));
    }

    @PostMapping(path = "/redeem", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> redeem(@RequestBody RedeemBody body) {
        return respond(redemptions.redeem(body.token(), body.username(), body.password()));
    }

    private static ResponseEntity<?> respond(Redemptions.Result result) {
        return switch (result) {
            case Redemptions.Result.Found found -> ResponseEntity.ok(
                    new InvitationView(found.firstName(), found.organisationName(), found.expiresAt()));
            case Redemptions.Result.Redeemed redeemed -> ResponseEntity.ok(new RedeemedView(redeemed.username(), "ACTIVE"));
            case Redemptions.Result.Refused refused -> ResponseEntity.status(RefusalStatus.of(refused.refusal()))
                    .body(new ErrorAnswer(refused.refusal().name(), messageOf(refused.refusal())));
            case Redemptions.Result.Invalid invalid -> ResponseEntity.unprocessableContent()
                    .body(new ErrorAnswer("VALIDATION_FAILED", "The username or password was not accepted",
                            invalid.violations().stream().map(RedemptionController::fieldError).toList()));
        };
    }

    static String messageOf(Redemptions.Refusal refusal) {
        return switch (refusal) {
            case INVITATION_NOT_FOUND -> "This invitation link is not valid. Check the link in the SMS.";
            case INVITATION_EXPIRED -> "This invitation has expired. Ask your organisation for a new one.";
            case INVITATION_REVOKED -> "This invitation was withdrawn or replaced by a newer one.";
            case INVITATION_ALREADY_USED -> "This invitation has already been used to create a login.";
            case TOO_MANY_ATTEMPTS -> "Too many attempts. Try again later or ask your organisation for a new invitation.";
        };
    }

    record TokenBody(@Nullable String token) {

        @Override
        public String toString() {
            return "TokenBody[token=<redacted>]";
        }
    }

    record RedeemBody(@Nullable String token, @Nullable String username, @Nullable String password) {

        @Override
        public String toString() {
            return "RedeemBody[token=<redacted>, username=" + username + ", password=<redacted>]";
        }
    }

    record InvitationView(@Nullable String firstName, String organisationName, Instant expiresAt) {
    }

    record RedeemedView(String username, String status) {
    }

    private static ErrorAnswer.FieldError fieldError(Violation violation) {
        return new ErrorAnswer.FieldError(violation.code().name(), violation.field(), violation.message());
    }
}
