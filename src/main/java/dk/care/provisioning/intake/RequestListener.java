package dk.care.provisioning.intake;

import dk.care.provisioning.user.ProvisioningRequest;
import dk.care.provisioning.user.ProvisioningService;
import dk.care.provisioning.v1.CreateUserRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Consumes CreateUserRequests a poll at a time. The poll's decisions that need no password hash are
 * committed in one transaction before the next poll; an approved password is written in its own
 * transaction when its hash is done, while the consumer goes on. Offsets are committed by
 * {@link RequestOffsets}, never past a record whose outcome is not committed yet; a crash redelivers
 * from there, and idempotency turns the records that had their outcome into re-publications of it.
 *
 * <p>Values arrive as bytes and are deserialized here, so that a record that cannot be used — not
 * Avro, an unknown schema, another record type — reaches the dead-letter topic exactly as it came.
 * The readable records up to the first unreadable one are provisioned in one transaction; if
 * that fails they are retried one by one, so that a failure names exactly one record, which the
 * error handler retries or dead-letters while the records before it stay committed. A password whose
 * own write fails is retried the same way, off the consumer's thread.
 */
@Component
class RequestListener {

    static final String ID = "requests";

    private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

    private final ProvisioningService provisioning;
    private final RequestLatency latency;
    private final Deserializer<?> values;
    private final RequestOffsets offsets;
    private final ConsumerRecordRecoverer recoverer;
    private final IntakeProperties intake;
    private final Executor retries = Executors.newVirtualThreadPerTaskExecutor();

    RequestListener(ProvisioningService provisioning, RequestLatency latency, Deserializer<?> values,
                    RequestOffsets offsets, ConsumerRecordRecoverer requestRecoverer, IntakeProperties intake) {
        this.provisioning = provisioning;
        this.latency = latency;
        this.values = values;
        this.offsets = offsets;
        this.recoverer = requestRecoverer;
        this.intake = intake;
    }

    @KafkaListener(id = ID, idIsGroup = false, batch = "true",
            topics = "${provisioning.topics.requests:user-provisioning.requests.v1}")
    void onRequests(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        OffsetLedger ledger = offsets.of(consumer);
        List<ProvisioningRequest> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                readable.add(toDomain(record));
            } catch (SerializationException | UnusableRequestException unusable) {
                provision(readable, records, ledger, consumer);
                throw failedAt(record, unusable, records, ledger, consumer);
            }
        }
        provision(readable, records, ledger, consumer);
        offsets.commit(consumer);
    }

    /** Provisions the first {@code readable.size()} records, which are all readable. */
    private void provision(List<ProvisioningRequest> readable, List<ConsumerRecord<String, byte[]>> records,
                           OffsetLedger ledger, Consumer<?, ?> consumer) {
        if (readable.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> settled;
        try {
            settled = provisioning.provisionAll(readable);
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < readable.size(); i++) {
                try {
                    provisioning.provision(readable.get(i));
                } catch (RuntimeException e) {
                    throw failedAt(records.get(i), e, records, ledger, consumer);
                }
                latency.completed(readable.get(i).requestedAt());
                ledger.handedOver(records.get(i), CompletableFuture.completedFuture(null));
            }
            return;
        }
        for (int i = 0; i < readable.size(); i++) {
            ProvisioningRequest request = readable.get(i);
            ConsumerRecord<String, byte[]> record = records.get(i);
            CompletableFuture<Void> outcome = settled.get(i)
                    .exceptionallyCompose(failure -> CompletableFuture.runAsync(() -> retry(request, record), retries));
            outcome.thenRun(() -> latency.completed(request.requestedAt()));
            ledger.handedOver(record, outcome);
        }
    }

    /**
     * The error handler's exception for {@code failed}, once the records before it in its partitions
     * have their outcomes committed: the handler commits the offsets before {@code failed} itself.
     */
    private BatchListenerFailedException failedAt(ConsumerRecord<String, byte[]> failed, Exception cause,
                                                  List<ConsumerRecord<String, byte[]>> records, OffsetLedger ledger,
                                                  Consumer<?, ?> consumer) {
        List<TopicPartition> partitions = records.stream()
                .map(record -> new TopicPartition(record.topic(), record.partition())).distinct().toList();
        ledger.settledIn(partitions).exceptionally(failure -> null).join();
        offsets.commit(consumer);
        ledger.forget(partitions);
        return new BatchListenerFailedException(cause.getMessage(), cause, failed);
    }

    /**
     * A password request whose own write failed, provisioned again as the error handler would: a
     * transient fault waits, doubling the back-off, for as long as it lasts; anything else gets the
     * configured attempts, then the dead-letter topic.
     */
    private void retry(ProvisioningRequest request, ConsumerRecord<String, byte[]> record) {
        Duration backoff = intake.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                provisioning.provision(request);
                return;
            } catch (RuntimeException failure) {
                if (!IntakeConfiguration.isTransient(failure) && attempt >= intake.attempts()) {
                    recoverer.accept(record, failure);
                    return;
                }
                log.warn("Request record {}-{}@{} failed ({}); trying again in {} ms", record.topic(),
                        record.partition(), record.offset(), failure.getClass().getSimpleName(), backoff.toMillis());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                // Fails the outcome, so that its offset stays uncommitted and the record comes again.
                throw new IllegalStateException("stopped while waiting to retry request record " + record.offset(),
                        stopped);
            }
            backoff = backoff.multipliedBy(2).compareTo(intake.maxBackoff()) > 0 ? intake.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    /** Throws SerializationException (transient when the registry is unreachable) or UnusableRequestException. */
    private ProvisioningRequest toDomain(ConsumerRecord<String, byte[]> record) {
        Object value = record.value() == null ? null
                : values.deserialize(record.topic(), record.headers(), record.value());
        if (!(value instanceof CreateUserRequest request)) {
            throw new UnusableRequestException("value is " + describe(value) + ", not a CreateUserRequest");
        }
        return RequestMapper.toDomain(request);
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "empty" : "a " + value.getClass().getSimpleName();
    }
}
