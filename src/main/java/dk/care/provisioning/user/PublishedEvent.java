package dk.care.provisioning.user;

import java.util.UUID;

/**
 * An outcome event as it was handed to the outbox: opaque bytes in the encoding of the events
 * feature, kept so that a duplicate request can re-publish the identical event.
 */
public record PublishedEvent(UUID eventId, String topic, String key, String type, byte[] payload) {
}
