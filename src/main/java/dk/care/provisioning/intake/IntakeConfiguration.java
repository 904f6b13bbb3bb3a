package dk.care.provisioning.intake;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.registry.SchemaRegistryUnavailableException;
import dk.care.provisioning.user.ProvisioningService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens when a request cannot be processed. Transient faults wait (docs/design.md §5): the
 * record is retried with exponential back-off for as long as it takes, and nothing is published.
 * Records that cannot be read go to the dead-letter topic with their original bytes, and, when the
 * key names the request, a MALFORMED_MESSAGE outcome tells the sender; the partition moves on. The
 * change requests' listener has containers of its own with the same handling and a dead-letter topic
 * of its own.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            NonTransientDataAccessResourceException.class,
            CannotGetJdbcConnectionException.class,
            CannotCreateTransactionException.class,
            // a uniqueness race lost to another instance: the retry sees the winner's row
            DuplicateKeyException.class,
            // commit or rollback failed: the connection, not the record
            TransactionSystemException.class,
            SchemaRegistryUnavailableException.class,
            RetriableException.class,
            // what the driver or pool throws before Spring had a chance to translate it
            SQLTransientException.class,
            SQLRecoverableException.class,
            SQLNonTransientConnectionException.class,
            SocketException.class);

    /** SQLState classes of connection loss, resource shortage, operator intervention and rollback (deadlock). */
    private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "40", "53", "57");

    /**
     * Sends a record to the dead-letter topic and, when its key names the request, tells the sender;
     * for the error handler and for a password whose own write failed for good.
     */
    @Bean
    ConsumerRecordRecoverer requestRecoverer(KafkaTemplate<Object, Object> template, TopicProperties topics,
                                             ProvisioningService provisioning, MeterRegistry meters) {
        ConsumerRecordRecoverer deadLetters = deadLetters(template, topics.deadLetter(), "CreateUserRequest",
                Counter.builder("provisioning.dead.letters")
                        .description("Request records sent to the dead-letter topic").register(meters));
        return (record, exception) -> {
            deadLetters.accept(record, exception);
            if (record.key() instanceof String requestId) {
                provisioning.rejectMalformed(requestId, reason(exception, "CreateUserRequest"));
            }
        };
    }

    @Bean
    DefaultErrorHandler requestErrorHandler(ConsumerRecordRecoverer requestRecoverer, IntakeProperties intake) {
        return errorHandler(requestRecoverer, intake);
    }

    /**
     * The change listener's own containers: configured as Boot configures the request listener's, with
     * their own error handler, whose dead letters go to the changes' dead-letter topic. No outcome
     * tells the sender of an unreadable change: its key is the user reference, not a requestId. The
     * handler is no bean, so that the request listener's stays the only one, which Boot applies.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> changeContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<Object, Object> template, TopicProperties topics, IntakeProperties intake,
            MeterRegistry meters) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setCommonErrorHandler(errorHandler(deadLetters(template, topics.changesDeadLetter(),
                "ChangeUserRequest", Counter.builder("provisioning.change.dead.letters")
                        .description("Change request records sent to the changes' dead-letter topic")
                        .register(meters)), intake));
        return factory;
    }

    /**
     * Publishes a record to {@code topic} with its original bytes and the exception in headers, counts
     * and logs it; {@code type} is what the record should have been.
     */
    private static ConsumerRecordRecoverer deadLetters(KafkaTemplate<Object, Object> template, String topic,
                                                       String type, Counter deadLettered) {
        var deadLetters = new DeadLetterPublishingRecoverer(rawTemplate(template),
                (record, exception) -> new TopicPartition(topic, -1));
        return (record, exception) -> {
            deadLetters.accept(record, exception);
            deadLettered.increment();
            log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(), topic,
                    reason(exception, type));
        };
    }

    /**
     * Transient faults retried without limit, other failures {@code attempts} times, unreadable
     * records not at all; then {@code recoverer}.
     */
    private static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer recoverer, IntakeProperties intake) {
        var handler = new DefaultErrorHandler(recoverer, transientBackOff(intake));
        handler.setBackOffFunction((record, exception) -> backOffFor(exception, intake));
        handler.addNotRetryableExceptions(UnusableRequestException.class);
        return handler;
    }

    /** Request values are consumed as bytes, so every dead letter carries the original bytes unchanged. */
    private static KafkaOperations<Object, Object> rawTemplate(KafkaTemplate<Object, Object> template) {
        return new KafkaTemplate<>(template.getProducerFactory().copyWithConfigurationOverride(Map.of(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    /** Reads request values in the listener, with the consumer's own configuration (registry URL, credentials). */
    @Bean(destroyMethod = "close")
    Deserializer<?> requestValueDeserializer(IntakeProperties intake, ConsumerFactory<?, ?> consumers) {
        Deserializer<?> deserializer = BeanUtils.instantiateClass(intake.valueDeserializer());
        deserializer.configure(consumers.getConfigurationProperties(), false);
        return deserializer;
    }

    private static BackOff transientBackOff(IntakeProperties intake) {
        var backOff = new ExponentialBackOff(intake.initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(intake.maxBackoff().toMillis());
        return backOff;
    }

    /** null selects the handler's default: the unbounded exponential back-off for transient faults. */
    private static @Nullable BackOff backOffFor(Exception exception, IntakeProperties intake) {
        if (isTransient(exception)) {
            return null;
        }
        if (causedBy(exception, SerializationException.class)) {
            return new FixedBackOff(0, 0);
        }
        return new FixedBackOff(intake.initialBackoff().toMillis(), intake.attempts() - 1L);
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Faults of a dependency, not of the record: they pass, so the record must wait for them. */
    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_SQL_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return TRANSIENT.stream().anyMatch(type -> causedBy(exception, type));
    }

    /** A description safe to publish: it names what was wrong, never the content; {@code type} is what the value should be. */
    static String reason(Exception exception, String type) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnusableRequestException unusable) {
                return "The record is unusable: " + unusable.getMessage();
            }
            if (cause instanceof SerializationException) {
                return "The value could not be deserialized as a " + type + " in the schema registry wire format";
            }
        }
        return "The record could not be processed (" + exception.getClass().getSimpleName() + ")";
    }
}
