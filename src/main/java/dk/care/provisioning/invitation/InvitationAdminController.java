package dk.care.provisioning.invitation;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Off unless {@code provisioning.invitations.admin-token} is set; callers send it as a bearer token
 * and name the person they act for in {@code X-Requested-By}, which the audit entry and the log
 * line of every resend and revoke record. Failed tokens are limited per client address.
 */
@RestController
@RequestMapping("/api/admin/invitations/{invitationId}")
class InvitationAdminController {

    static final String REQUESTED_BY = "X-Requested-By";

    private static final Logger log = LoggerFactory.getLogger(InvitationAdminController.class);
    private static final String BEARER = "Bearer ";
    // Addresses that fail are few in normal operation; the bound only matters under attack.
    private static final int TRACKED_ADDRESSES = 10_000;
    // A name or e-mail address as an admin UI knows the signed-in person: printable, one line, bounded,
    // so that it can go into a log line as it is.
    private static final Pattern REQUESTER = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,100}");

    private final Invitations invitations;
    private final byte @Nullable [] adminToken;
    private final AddressLimiter failures;

    InvitationAdminController(Invitations invitations, InvitationProperties properties, Clock clock) {
        this.invitations = invitations;
        this.adminToken = properties.adminToken() == null ? null
                : properties.adminToken().getBytes(StandardCharsets.UTF_8);
        this.failures = new AddressLimiter(properties.admin().maxFailuresPerAddress(),
                properties.admin().failureWindow(), TRACKED_ADDRESSES, clock);
    }

    @PostMapping("/resend")
    ResponseEntity<?> resend(@PathVariable UUID invitationId,
                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
                             @RequestHeader(name = REQUESTED_BY, required = false) @Nullable String requestedBy,
                             HttpServletRequest request) {
        Optional<ResponseEntity<?>> refused = refuse(authorization, requestedBy, request.getRemoteAddr());
        if (refused.isPresent()) {
            return refused.get();
        }
        Invitations.Resent resent = invitations.resend(invitationId, requestedBy);
        log.info("Resend of invitation {} at the request of {} ({}): {}", invitationId, requestedBy,
                request.getRemoteAddr(), resent);
        return switch (resent) {
            case Invitations.Resent.Issued issued -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new ResentView(issued.invitationId()));
            case Invitations.Resent.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Resent.AlreadyRedeemed ignored -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_ALREADY_USED", "The user has already completed self-registration"));
        };
    }

    @PostMapping("/revoke")
    ResponseEntity<?> revoke(@PathVariable UUID invitationId,
                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
                             @RequestHeader(name = REQUESTED_BY, required = false) @Nullable String requestedBy,
                             HttpServletRequest request) {
        Optional<ResponseEntity<?>> refused = refuse(authorization, requestedBy, request.getRemoteAddr());
        if (refused.isPresent()) {
            return refused.get();
        }
        Invitations.Revoked revoked = invitations.revoke(invitationId, requestedBy);
        log.info("Revocation of invitation {} at the request of {} ({}): {}", invitationId, requestedBy,
                request.getRemoteAddr(), revoked);
        return switch (revoked) {
            case Invitations.Revoked.Done ignored -> ResponseEntity.noContent().build();
            case Invitations.Revoked.NotFound ignored -> ResponseEntity.notFound().build();
            case Invitations.Revoked.NotLive notLive -> ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ErrorAnswer("INVITATION_" + notLive.status().name(), "The invitation is no longer live"));
        };
    }

    /** Why this caller may not act, if it may not; a wrong token counts against its address. */
    private Optional<ResponseEntity<?>> refuse(@Nullable String authorization, @Nullable String requestedBy,
                                               String address) {
        if (adminToken == null) {
            return Optional.of(ResponseEntity.notFound().build());
        }
        if (!failures.allows(address)) {
            return Optional.of(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(new ErrorAnswer("TOO_MANY_ATTEMPTS", "Too many failed admin tokens from this address")));
        }
        if (!MessageDigest.isEqual(adminToken, bearerToken(authorization))) {
            failures.tryAcquire(address);
            log.warn("Admin request with a missing or wrong bearer token from {}", address);
            return Optional.of(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        if (requestedBy == null || requestedBy.isBlank() || !REQUESTER.matcher(requestedBy).matches()) {
            return Optional.of(ResponseEntity.badRequest().body(new ErrorAnswer("REQUESTED_BY_MISSING",
                    "Name the person this request is made for in the " + REQUESTED_BY
                            + " header (1-100 printable characters)")));
        }
        return Optional.empty();
    }

    /** The credentials of a bearer Authorization header; the scheme is case-insensitive (RFC 9110 §11.1). */
    private static byte[] bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new byte[0];
        }
        return authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    }

    record ResentView(UUID invitationId) {
    }
}
