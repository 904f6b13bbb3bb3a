package dk.care.provisioning.intake;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Health component {@code kafka}: DOWN when no broker answers within the timeout. Details show the
 * request and change listeners' states; a stopped or paused listener alone is not DOWN, because it may be
 * stopped on purpose and is paused while it waits out a transient fault another component reports.
 */
@Component
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 5_000;

    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private volatile @Nullable Admin admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners) {
        super("Kafka health check failed");
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        detail(builder, "requestListener", listeners.getListenerContainer(RequestListener.ID));
        detail(builder, "changeListener", listeners.getListenerContainer(ChangeListener.ID));
        DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        builder.withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .withDetail("brokers", cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size())
                .up();
    }

    private static void detail(Health.Builder builder, String name, @Nullable MessageListenerContainer container) {
        if (container != null) {
            builder.withDetail(name, container.isContainerPaused() ? "paused"
                    : container.isRunning() ? "running" : "stopped");
        }
    }

    /** One long-lived client: creating one per check would log its whole configuration every time. */
    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "user-provisioning-worker-health");
                    admin = Admin.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        Admin current = admin;
        if (current != null) {
            current.close();
        }
    }
}
