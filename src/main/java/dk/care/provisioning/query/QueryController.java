package dk.care.provisioning.query;

import dk.care.provisioning.access.ApiCaller;
import dk.care.provisioning.access.OutOfScope;
import dk.care.provisioning.organisation.ReferenceData;
import dk.care.provisioning.web.ErrorAnswer;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON query API under {@code /api/admin}, behind the admin API's bearer token like resend and
 * revoke: a request's state, an organisation's users a page at a time, a user with its history. What
 * lies outside the client's organisations is answered as what does not exist, and the attempt audited.
 */
@RestController
@RequestMapping("/api/admin")
class QueryController {

    static final int DEFAULT_PAGE_SIZE = 50;

    private final AdminQueries queries;
    private final ReferenceData referenceData;
    private final OutOfScope outOfScope;

    QueryController(AdminQueries queries, ReferenceData referenceData, OutOfScope outOfScope) {
        this.queries = queries;
        this.referenceData = referenceData;
        this.outOfScope = outOfScope;
    }

    @GetMapping("/requests/{requestId}")
    RequestState request(@PathVariable String requestId, @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
        RequestState state = queries.requestState(requestId);
        if (state.state() == RequestState.State.PENDING) {
            return state;
        }
        String organisationId = queries.requestOrganisation(requestId);
        if (caller.scope().includes(organisationId)) {
            return state;
        }
        outOfScope.refused(OutOfScope.Attempt.VIEW_REQUEST, ApiCaller.SOURCE, caller.auditName(), requestId,
                organisationId, state.userId());
        return RequestState.pending(requestId);
    }

    @GetMapping("/organisations/{organisationId}/users")
    ResponseEntity<?> users(@PathVariable String organisationId,
                            @RequestParam(required = false) @Nullable String department,
                            @RequestParam(required = false) @Nullable String type,
                            @RequestParam(required = false) @Nullable String status,
                            @RequestParam(required = false) @Nullable String q,
                            @RequestParam(required = false) @Nullable UUID after,
                            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int limit,
                            @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
        if (referenceData.organisation(organisationId).isEmpty()) {
            return organisationNotFound();
        }
        if (!caller.scope().includes(organisationId)) {
            outOfScope.refused(OutOfScope.Attempt.LIST_USERS, ApiCaller.SOURCE, caller.auditName(), organisationId,
                    organisationId, null);
            return organisationNotFound();
        }
        return ResponseEntity.ok(queries.users(organisationId, UserFilter.parse(department, type, status, q), after, limit));
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<?> user(@PathVariable UUID userId, @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
        Optional<UserDetail> user = queries.user(userId);
        if (user.isPresent() && !caller.scope().includes(user.get().user().organisationId())) {
            outOfScope.refused(OutOfScope.Attempt.VIEW_USER, ApiCaller.SOURCE, caller.auditName(), userId.toString(),
                    user.get().user().organisationId(), userId);
            user = Optional.empty();
        }
        return user.<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(new ErrorAnswer("USER_NOT_FOUND", "No user with this id")));
    }

    private static ResponseEntity<ErrorAnswer> organisationNotFound() {
        return ResponseEntity.status(404).body(new ErrorAnswer("ORGANISATION_NOT_FOUND", "No organisation with this id"));
    }

    /** Bad parameters: the message names the parameter and its bound, never quotes the value. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ErrorAnswer> badParameter(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new ErrorAnswer("BAD_QUERY", e.getMessage()));
    }
}
