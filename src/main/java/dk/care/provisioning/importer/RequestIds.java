package dk.care.provisioning.importer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Deterministic requestIds: a name-based UUID, version 5 (RFC 9562 §5.5, SHA-1), in this importer's
 * namespace, of the source system, the row's external id and the row's other non-secret request fields.
 * The same row imported again gets the same id, so the worker replays its outcome instead of creating
 * a second user; a corrected row gets a new id, so it is not refused as a reused key with new content.
 * Secrets are left out: an id derived from a password or CPR would let anyone who sees the id test
 * guesses against it.
 */
final class RequestIds {

    /** Fixed for ever: changing it would give every row of every earlier import a new id. */
    static final UUID NAMESPACE = UUID.fromString("6f1c4c1e-2d0a-4f63-9a6e-1b7c3e5d8a90");

    private RequestIds() {
    }

    /**
     * The id of a request with these values; {@code attempt} above 1 gives every row a fresh id, for
     * re-sending rows whose earlier outcome was a failure that has since been fixed elsewhere.
     */
    static String of(String source, ColumnMapping.Mapped row, int attempt) {
        var name = new StringBuilder();
        append(name, source);
        for (RequestField field : RequestField.values()) {
            // Dates are no request field; leaving them out keeps the ids of every earlier import.
            if (!field.secret() && !field.date()) {
                append(name, row.get(field));
            }
        }
        if (attempt > 1) {
            append(name, "attempt " + attempt);
        }
        return nameBased(NAMESPACE, name.toString()).toString();
    }

    /** Length-prefixed, so that no two different lists of values give the same name. */
    private static void append(StringBuilder name, @Nullable String value) {
        name.append(value == null ? -1 : value.length()).append(':').append(value == null ? "" : value);
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
