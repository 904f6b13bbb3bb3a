package dk.care.provisioning.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the outbox counts as unhealthy: its oldest unpublished event is older than {@code maxAge}.
 * Normally events leave within a second; minutes mean the relay cannot publish.
 */
@ConfigurationProperties("provisioning.outbox.health")
record OutboxHealthProperties(@DefaultValue("5m") Duration maxAge) {
}
