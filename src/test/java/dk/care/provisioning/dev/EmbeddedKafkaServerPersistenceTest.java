package dk.care.provisioning.dev;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class EmbeddedKafkaServerPersistenceTest {

    @Test
    void persistentLogDirKeepsTopicsAcrossRestarts(@TempDir Path logDir) throws Exception {
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().port(0).controllerPort(0).logDir(logDir).start();
                Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        assertThat(logDir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().port(0).controllerPort(0).logDir(logDir).start();
                Admin admin = admin(kafka)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
        }
    }

    @Test
    void stoppedServerRefusesClientsAndComesBackOnTheSamePortWithItsTopics() throws Exception {
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().port(0).controllerPort(0).start();
                Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);

            kafka.stop();
            assertThatException().isThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(10, TimeUnit.SECONDS));
            kafka.restart();

            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            assertThat(kafka.logDir()).isDirectory();
        }
    }

    @Test
    void temporaryLogDirIsDeletedOnClose() {
        Path logDir;
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().port(0).controllerPort(0).start()) {
            logDir = kafka.logDir();
            assertThat(logDir).isDirectory();
        }
        assertThat(logDir).doesNotExist();
    }

    private static Admin admin(EmbeddedKafkaServer kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
