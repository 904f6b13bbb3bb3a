package dk.care.provisioning.invitation;

import dk.care.provisioning.access.ApiCaller;
import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.web.ErrorAnswer;
import java.util.Optional;
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
 * the audit entry and the log line of every resend and revoke record. An invitation of a user outside
 * the client's organisations is answered as one that does not exist, and the attempt is audited.
 */
@RestController
@RequestMapping("/api/admin/invitations/{invitationId}")
class InvitationAdminController {

    private static final Logger log = LoggerFactory.getLogger(InvitationAdminController.class);

    private final Invitations invitations;
    private final OutOfScope outOfScope;

    InvitationAdminController(Invitations invitations, OutOfScope outOfScope) {
        this.invitations = invitations;
        this.outOfScope = outOfScope;
    }

    @PostMapping("/resend")
    ResponseEntity<?> resend(@PathVariable UUID invitationId,
                             @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller requester) {
        if (!inScope(invitationId, requester, OutOfScope.Attempt.RESEND_INVITATION)) {
            return ResponseEntity.notFound().build();
        }
        Invitations.Resent resent = invitations.resend(invitationId, requester.auditName());
        log.info("Resend of invitation {} at the request of {}: {}", invitationId, requester, resent);
        return switch (resent) {
            case Invitations.Resent.Issued issued -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new ResentView(issued.invitationId()));
            case Invitations.Resent.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Resent.AlreadyRedeemed ignored -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_ALREADY_USED", "The user has already completed self-registration"));
            case Invitations.Resent.UserDeactivated ignored -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("USER_DEACTIVATED", "The user is deactivated; reactivate the user first"));
            case Invitations.Resent.LimitReached limit -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(new ErrorAnswer("RESEND_LIMIT_REACHED", "The user was sent " + limit.limit()
                            + " new invitations in the last 24 hours; try again later"));
        };
    }

    @PostMapping("/revoke")
    ResponseEntity<?> revoke(@PathVariable UUID invitationId,
                             @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller requester) {
        if (!inScope(invitationId, requester, OutOfScope.Attempt.REVOKE_INVITATION)) {
            return ResponseEntity.notFound().build();
        }
        Invitations.Revoked revoked = invitations.revoke(invitationId, requester.auditName());
        log.info("Revocation of invitation {} at the request of {}: {}", invitationId, requester, revoked);
        return switch (revoked) {
            case Invitations.Revoked.Done ignored -> ResponseEntity.noContent().build();
            case Invitations.Revoked.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Revoked.NotLive notLive -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_" + notLive.status().name(), "The invitation is no longer live"));
        };
    }

    /** Whether the invitation is in the caller's organisations, or does not exist; audits it when not. */
    private boolean inScope(UUID invitationId, ApiCaller requester, OutOfScope.Attempt attempt) {
        Optional<Invitations.Owner> owner = invitations.owner(invitationId);
        if (owner.isEmpty() || requester.scope().includes(owner.get().organisationId())) {
            return true;
        }
        outOfScope.refused(attempt, ApiCaller.SOURCE, requester.auditName(), invitationId.toString(),
                owner.get().organisationId(), owner.get().userId());
        return false;
    }

    record ResentView(UUID invitationId) {
    }
}
