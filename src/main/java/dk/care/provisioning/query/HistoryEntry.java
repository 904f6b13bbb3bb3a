package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event in a user's life: {@code CREATED}, {@code INVITED}, {@code SMS_SENT}, {@code SMS_FAILED},
 * {@code INVITATION_RESENT}, {@code INVITATION_REVOKED}, {@code INVITATION_EXPIRED} or {@code REGISTERED};
 * and its changes, as the audit trail names them: {@code CHANGE_SCHEDULED}, {@code CONTACT_UPDATED},
 * {@code MOVED}, {@code DEACTIVATED}, {@code REACTIVATED}, {@code ERASED}, {@code SCHEDULED_CHANGE_CANCELLED}
 * or {@code CHANGE_FAILED}; with the invitation it concerns, a detail (login method, provider status, a
 * refused change's error codes) and who did it, where known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(Instant at, String event, @Nullable UUID invitationId, @Nullable String detail,
                           @Nullable String by) {
}
