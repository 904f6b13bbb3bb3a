package dk.care.provisioning.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Idempotency records and unique values: those the database held when a batch looked them up, and
 * those the batch's requests recorded and claimed since, so that each request sees the ones before it.
 */
record Known(Map<String, ProcessedRequest> processed, Set<String> usernames, Set<Claims.OrganisationKey> cprs,
             Set<Claims.OrganisationKey> externalIds) {

    static Known empty() {
        return new Known(new HashMap<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    }

    Optional<ProcessedRequest> processed(String requestId) {
        return Optional.ofNullable(processed.get(requestId));
    }

    void remember(ProcessedRequest request) {
        processed.put(request.requestId(), request);
    }

    /** Takes every value of the claims. */
    void claim(Claims claims) {
        if (claims.username() != null) {
            usernames.add(claims.username());
        }
        if (claims.cpr() != null) {
            cprs.add(claims.cpr());
        }
        if (claims.externalId() != null) {
            externalIds.add(claims.externalId());
        }
    }

    /** The uniqueness rules of docs/design.md §4: one violation for each claimed value that is already taken. */
    List<Violation> conflicts(Claims claims) {
        List<Violation> violations = new ArrayList<>();
        if (claims.username() != null && usernames.contains(claims.username())) {
            violations.add(new Violation(ErrorCode.USERNAME_TAKEN, "login.username", "The username is already in use"));
        }
        if (claims.cpr() != null && cprs.contains(claims.cpr())) {
            violations.add(new Violation(ErrorCode.CPR_ALREADY_REGISTERED, "login.cpr",
                    "Another user of the organisation has this CPR number"));
        }
        if (claims.externalId() != null && externalIds.contains(claims.externalId())) {
            violations.add(new Violation(ErrorCode.DUPLICATE_EXTERNAL_ID, "externalId",
                    "The external id belongs to another user of the organisation"));
        }
        return violations;
    }
}
