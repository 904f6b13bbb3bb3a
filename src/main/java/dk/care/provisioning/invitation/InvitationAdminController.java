package dk.care.provisioning.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resend and revoke for admin UIs, by invitation id (the {@code invitationId} of {@code UserCreated}).
 * Off unless {@code provisioning.invitations.admin-token} is set; callers send it as a bearer token.
 */
@RestController
@RequestMapping("/api/admin/invitations/{invitationId}")
class InvitationAdminController {

    private final Invitations invitations;
    private final byte @Nullable [] adminToken;

    InvitationAdminController(Invitations invitations, InvitationProperties properties) {
        this.invitations = invitations;
        this.adminToken = properties.adminToken() == null || properties.adminToken().isBlank() ? null
                : properties.adminToken().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/resend")
    ResponseEntity<?> resend(@PathVariable UUID invitationId,
                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        ResponseEntity<?> denied = deny(authorization);
        if (denied != null) {
            return denied;
        }
        return switch (invitations.resend(invitationId)) {
            case Invitations.Resent.Issued issued -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new ResentView(issued.invitationId()));
            case Invitations.Resent.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Resent.AlreadyRedeemed ignored -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new RefusedView("INVITATION_ALREADY_USED", "The user has already completed self-registration"));
        };
    }

    @PostMapping("/revoke")
    ResponseEntity<?> revoke(@PathVariable UUID invitationId,
                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        ResponseEntity<?> denied = deny(authorization);
        if (denied != null) {
            return denied;
        }
        return switch (invitations.revoke(invitationId)) {
            case Invitations.Revoked.Done ignored -> ResponseEntity.noContent().build();
            case Invitations.Revoked.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Revoked.NotLive notLive -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new RefusedView("INVITATION_" + notLive.status().name(), "The invitation is no longer live"));
        };
    }

    private @Nullable ResponseEntity<?> deny(@Nullable String authorization) {
        if (adminToken == null) {
            return ResponseEntity.notFound().build();
        }
        byte[] presented = authorization == null || !authorization.startsWith("Bearer ") ? new byte[0]
                : authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(adminToken, presented) ? null
                : ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }

    record ResentView(UUID invitationId) {
    }

    record RefusedView(String error, String message) {
    }
}
