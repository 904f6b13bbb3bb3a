package dk.care.provisioning.query;

import dk.care.provisioning.organisation.ReferenceData;
import dk.care.provisioning.web.ErrorAnswer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON query API under {@code /api/admin}, behind the admin API's bearer token like resend and
 * revoke: a request's state, an organisation's users a page at a time, a user with its history.
 */
@RestController
@RequestMapping("/api/admin")
class QueryController {

    static final int DEFAULT_PAGE_SIZE = 50;

    private final AdminQueries queries;
    private final ReferenceData referenceData;

    QueryController(AdminQueries queries, ReferenceData referenceData) {
        this.queries = queries;
        this.referenceData = referenceData;
    }

    @GetMapping("/requests/{requestId}")
    RequestState request(@PathVariable String requestId) {
        return queries.requestState(requestId);
    }

    @GetMapping("/organisations/{organisationId}/users")
    ResponseEntity<?> users(@PathVariable String organisationId,
                            @RequestParam(required = false) @Nullable String department,
                            @RequestParam(required = false) @Nullable String type,
                            @RequestParam(required = false) @Nullable String status,
                            @RequestParam(required = false) @Nullable String q,
                            @RequestParam(required = false) @Nullable UUID after,
                            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int limit) {
        if (referenceData.organisation(organisationId).isEmpty()) {
            return ResponseEntity.status(404).body(new ErrorAnswer("ORGANISATION_NOT_FOUND", "No organisation with this id"));
        }
        return ResponseEntity.ok(queries.users(organisationId, UserFilter.parse(department, type, status, q), after, limit));
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<?> user(@PathVariable UUID userId) {
        return queries.user(userId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(new ErrorAnswer("USER_NOT_FOUND", "No user with this id")));
    }

    /** Bad parameters: the message names the parameter and its bound, never quotes the value. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ErrorAnswer> badParameter(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new ErrorAnswer("BAD_QUERY", e.getMessage()));
    }
}
