package dk.care.provisioning.user;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts {@code requestId} and {@code correlationId} into the MDC while one request is processed, so
 * every log line of it carries them (as top-level fields of the structured JSON log). Set here and
 * not in the listener, because the listener hands over a whole batch at once. The values go in
 * their {@linkplain SafeText#reported reported form}: a newline or an escape sequence in an id
 * must not start a forged line in a plain-text log, nor a megabyte id repeat in every JSON line.
 */
final class LogContext implements AutoCloseable {

    static final String REQUEST_ID = "requestId";
    static final String CORRELATION_ID = "correlationId";

    private LogContext(ProvisioningRequest request) {
        put(REQUEST_ID, request.requestId());
        put(CORRELATION_ID, request.correlationId());
    }

    static LogContext of(ProvisioningRequest request) {
        return new LogContext(request);
    }

    private static void put(String key, @Nullable String value) {
        if (value != null) {
            MDC.put(key, SafeText.reported(value));
        }
    }

    @Override
    public void close() {
        MDC.remove(REQUEST_ID);
        MDC.remove(CORRELATION_ID);
    }
}
