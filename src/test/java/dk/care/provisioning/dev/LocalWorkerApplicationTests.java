package dk.care.provisioning.dev;

import java.io.IOException;
import java.net.Socket;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWorkerApplicationTests {

    @Test
    void startsTheWorkerAgainstEmbeddedKafkaAndPostgres() {
        EmbeddedDatabase db;
        try (ConfigurableApplicationContext context = LocalWorkerApplication.run(
                "--provisioning.dev.kafka-port=0",
                "--provisioning.dev.kafka-controller-port=0",
                "--spring.flyway.enabled=false").getApplicationContext()) {
            EmbeddedKafkaServer kafka = context.getBean(EmbeddedKafkaServer.class);
            db = context.getBean(EmbeddedDatabase.class);

            assertThat(context.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                    .containsExactly(kafka.bootstrapServers());
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select 1", Integer.class))
                    .isEqualTo(1);
        }
        // Closing the context must stop PostgreSQL, or a fixed port stays blocked by an orphan.
        assertThat(db.port()).isPositive();
        assertThat(isListening(db.port())).isFalse();
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
