package dk.care.provisioning.invitation;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resend and revoke for admin UIs, by invitation id (the {@code invitationId} of {@code UserCreated}).
 * Only requests that {@link AdminAuthentication} let through arrive here, each with who asked, which
 * the audit entry and the log line of every resend and revoke record.
 */
@RestController
@RequestMapping("/api/admin/invitations/{invitationId}")
class InvitationAdminController {

    private static final Logger log = LoggerFactory.getLogger(InvitationAdminController.class);

    private final Invitations invitations;

    InvitationAdminController(Invitations invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/resend")
    ResponseEntity<?> resend(@PathVariable UUID invitationId,
                             @RequestAttribute(AdminAuthentication.REQUESTER) AdminAuthentication.Requester requester) {
        Invitations.Resent resent = invitations.resend(invitationId, requester.name());
        log.info("Resend of invitation {} at the request of {}: {}", invitationId, requester, resent);
        return switch (resent) {
            case Invitations.Resent.Issued issued -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new ResentView(issued.invitationId()));
            case Invitations.Resent.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Resent.AlreadyRedeemed ignored -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_ALREADY_USED", "The user has already completed self-registration"));
            case Invitations.Resent.LimitReached limit -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(new ErrorAnswer("RESEND_LIMIT_REACHED", "The user was sent " + limit.limit()
                            + " new invitations in the last 24 hours; try again later"));
        };
    }

    @PostMapping("/revoke")
    ResponseEntity<?> revoke(@PathVariable UUID invitationId,
                             @RequestAttribute(AdminAuthentication.REQUESTER) AdminAuthentication.Requester requester) {
        Invitations.Revoked revoked = invitations.revoke(invitationId, requester.name());
        log.info("Revocation of invitation {} at the request of {}: {}", invitationId, requester, revoked);
        return switch (revoked) {
            case Invitations.Revoked.Done ignored -> ResponseEntity.noContent().build();
            case Invitations.Revoked.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Revoked.NotLive notLive -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_" + notLive.status().name(), "The invitation is no longer live"));
        };
    }

    record ResentView(UUID invitationId) {
    }
}
