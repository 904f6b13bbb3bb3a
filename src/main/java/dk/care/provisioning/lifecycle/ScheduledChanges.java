package dk.care.provisioning.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The changes of a user that are scheduled and not yet applied, for the console and the query API. */
@Component
public class ScheduledChanges {

    private final ChangeStore store;

    ScheduledChanges(ChangeStore store) {
        this.store = store;
    }

    /** The user's pending scheduled changes, soonest first; the caller checks the user is one it may see. */
    @Transactional(readOnly = true)
    public List<ScheduledChange> of(UUID userId) {
        return store.pendingOf(userId);
    }

    /**
     * One scheduled change: its requestId (which a {@code CancelScheduled} names), what it does, when,
     * who asked and when it was accepted; a move's target, never contact details.
     */
    public record ScheduledChange(String requestId, ChangeKind change, Instant dueAt, String source,
                                  @Nullable String requestedBy, Instant acceptedAt,
                                  @Nullable String departmentId, @Nullable String roleId) {
    }
}
