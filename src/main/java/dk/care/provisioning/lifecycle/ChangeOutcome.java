package dk.care.provisioning.lifecycle;

import dk.care.provisioning.user.SafeText;
import dk.care.provisioning.user.UserStatus;
import dk.care.provisioning.user.Violation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** What became of one change request: published as UserChanged or UserChangeFailed, keyed by requestId. */
public sealed interface ChangeOutcome {

    UUID eventId();

    String requestId();

    Instant occurredAt();

    /**
     * The change was applied, or accepted for later ({@code scheduledFor}; version and status are then
     * the user's now). No personal data: {@code changedFields} names fields, never values.
     */
    record Changed(UUID eventId, String requestId, @Nullable String correlationId, Instant occurredAt, UUID userId,
                   String organisationId, long version, UserStatus status, ChangeKind change,
                   List<String> changedFields, @Nullable Instant scheduledFor) implements ChangeOutcome {

        public Changed {
            changedFields = List.copyOf(changedFields);
        }
    }

    /**
     * The change was refused and nothing changed. Fields echoed from the request are kept in their
     * {@linkplain SafeText#reported reported form}, as for a refused creation.
     */
    record Failed(UUID eventId, String requestId, @Nullable String correlationId, Instant occurredAt,
                  @Nullable String source, @Nullable String organisationId, @Nullable UUID userId,
                  List<Violation> violations) implements ChangeOutcome {

        public Failed {
            requestId = Objects.requireNonNull(SafeText.reported(requestId));
            correlationId = SafeText.reported(correlationId);
            source = SafeText.reported(source);
            organisationId = SafeText.reported(organisationId);
            violations = List.copyOf(violations);
        }
    }
}
