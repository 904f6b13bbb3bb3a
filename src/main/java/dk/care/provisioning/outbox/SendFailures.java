package dk.care.provisioning.outbox;

import dk.care.provisioning.registry.SchemaRegistryException;
import java.util.List;
import java.util.StringJoiner;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Why an outbox row was not published, and whether sending it again could ever succeed. Only a
 * fault of the row itself is permanent: the same bytes to the same topic fail the same way every
 * time. Everything else — the broker away, a timeout, missing rights, a registry that is down or
 * refuses the schema — concerns every row alike and passes when it is fixed, so rows wait for it
 * instead of all being set aside.
 */
final class SendFailures {

    private static final int MAX_DESCRIPTION_LENGTH = 1000;

    private static final List<Class<? extends Throwable>> OF_THE_ROW = List.of(
            RecordTooLargeException.class,
            InvalidRecordException.class,
            InvalidTopicException.class);

    private SendFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (OF_THE_ROW.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
            if (cause instanceof SerializationException) {
                return !causedByRegistry(cause);
            }
        }
        return false;
    }

    private static boolean causedByRegistry(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each exception of the chain with its message, bounded: what an operator reads in
     * {@code set_aside_reason}. The producer's and the serializers' messages name sizes, types and
     * topics, not the record's content.
     */
    static String describe(@Nullable Throwable failure) {
        var text = new StringJoiner("; caused by ");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.add(cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        String description = text.toString();
        return description.length() <= MAX_DESCRIPTION_LENGTH ? description
                : description.substring(0, MAX_DESCRIPTION_LENGTH) + "...";
    }
}
