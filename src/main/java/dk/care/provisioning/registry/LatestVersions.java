package dk.care.provisioning.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-subject cache of the latest registered version, so {@code use.latest.version} does not
 * cost a registry round trip per record. A negative TTL caches until restart, as Confluent does.
 */
final class LatestVersions {

    private record Entry(SchemaMetadata metadata, long fetchedAtNanos) {
    }

    private final SchemaRegistryClient client;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LatestVersions(SchemaRegistryClient client, long ttlSeconds) {
        this.client = client;
        this.ttlNanos = ttlSeconds < 0 ? -1 : ttlSeconds * 1_000_000_000L;
    }

    SchemaMetadata get(String subject) {
        Entry entry = entries.get(subject);
        long now = System.nanoTime();
        if (entry != null && (ttlNanos < 0 || now - entry.fetchedAtNanos() < ttlNanos)) {
            return entry.metadata();
        }
        SchemaMetadata fresh = client.getLatestSchemaMetadata(subject);
        entries.put(subject, new Entry(fresh, now));
        return fresh;
    }
}
