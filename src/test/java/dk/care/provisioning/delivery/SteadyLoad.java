package dk.care.provisioning.delivery;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.v1.CreateUserRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Phone self-registrations sent at a steady rate from a background thread, as a busy HR system would,
 * whatever happens to the workers or the broker meanwhile.
 */
final class SteadyLoad {

    private final StandaloneInfrastructure infrastructure;
    private final Duration interval;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Thread sender;
    private volatile boolean running = true;

    private SteadyLoad(StandaloneInfrastructure infrastructure, int perSecond) {
        this.infrastructure = infrastructure;
        this.interval = Duration.ofSeconds(1).dividedBy(perSecond);
        this.sender = Thread.ofPlatform().name("steady-load").daemon().start(this::send);
    }

    static SteadyLoad start(StandaloneInfrastructure infrastructure, int perSecond) {
        return new SteadyLoad(infrastructure, perSecond);
    }

    private void send() {
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        for (long slot = 0; running; slot++) {
            long due = slot * interval.toNanos();
            LockSupport.parkNanos(startNanos + due - System.nanoTime());
            // requestedAt is when the request was due: while the broker is gone, send() waits for the topic's
            // metadata, so requests due meanwhile leave late, together.
            CreateUserRequest request = Requests.phoneSelfRegistration().setRequestedAt(start.plusNanos(due)).build();
            sent.add(new Sent(request, infrastructure.send(request)));
        }
    }

    /** Stops sending and waits until every request sent is acknowledged; returns them in order. */
    List<Sent> stop() throws InterruptedException {
        running = false;
        sender.join();
        infrastructure.flush();
        return List.copyOf(sent);
    }

    /** A request and where it went. */
    record Sent(CreateUserRequest request, Future<RecordMetadata> metadata) {

        String requestId() {
            return request.getRequestId();
        }

        /** When the request was due to be sent. */
        Instant sentAt() {
            return request.getRequestedAt();
        }

        int partition() {
            try {
                return metadata.get().partition();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Request " + requestId() + " was not acknowledged", e.getCause());
            }
        }
    }
}
