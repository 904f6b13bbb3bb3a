package dk.care.provisioning.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.registry.SchemaRegistryUnavailableException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures wait (docs/design.md §5: transient faults wait, they do not fail) and which are the record's own. */
class FailureClassificationTest {

    @Test
    void treatsALostConnectionAsTransientHoweverDeeplyWrapped() {
        var lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        assertThat(IntakeConfiguration.isTransient(wrapped(new RuntimeException("commit", lost)))).isTrue();
        assertThat(IntakeConfiguration.isTransient(wrapped(new SQLException("terminating connection due to "
                + "administrator command", "57P01")))).isTrue();
    }

    @Test
    void treatsAFailedRollbackAndAnUnreachableRegistryAsTransient() {
        assertThat(IntakeConfiguration.isTransient(wrapped(new TransactionSystemException("rollback failed"))))
                .isTrue();
        assertThat(IntakeConfiguration.isTransient(wrapped(new SerializationException("registry down",
                new SchemaRegistryUnavailableException("unreachable", 503, 50001, null))))).isTrue();
    }

    @Test
    void treatsUnreadableAndInvalidRecordsAsTheRecordsOwnFault() {
        assertThat(IntakeConfiguration.isTransient(wrapped(new SerializationException("Unknown magic byte"))))
                .isFalse();
        assertThat(IntakeConfiguration.isTransient(wrapped(new UnusableRequestException("not a request"))))
                .isFalse();
        assertThat(IntakeConfiguration.isTransient(wrapped(new DataIntegrityViolationException("value too long",
                new SQLException("value too long for type", "22001"))))).isFalse();
    }

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("listener failed",
                new BatchListenerFailedException("batch failed", cause, 0));
    }
}
