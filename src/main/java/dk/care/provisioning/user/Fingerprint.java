package dk.care.provisioning.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What "the same content" means for idempotency: the business fields of a request. Transport
 * metadata (correlationId, requestedAt, requestedBy) may differ between retries of one request.
 * Secrets are left out on purpose: a JWE is different at every encryption, and a digest of a
 * password or CPR would be a secret of its own in the database.
 */
public final class Fingerprint {

    /** The fingerprint of a record that could not be read: its content is unknown, so no content matches it. */
    static final String UNREADABLE = "malformed";

    private Fingerprint() {
    }

    static String of(ProvisioningRequest request) {
        LoginMethod login = request.login();
        String username = login instanceof LoginMethod.Standard standard ? standard.username() : null;
        String mustChange = login instanceof LoginMethod.Standard standard
                ? Boolean.toString(standard.mustChangePassword()) : null;
        return sha256(Stream.of(request.source(), request.organisationId(), request.departmentId(),
                request.roleId(), Objects.toString(request.userType(), null), request.name(), request.email(),
                request.phone(), request.externalId(), request.locale(),
                login == null ? null : login.kind().name(), username, mustChange));
    }

    /**
     * The fingerprint of a request's business fields, for requests other than creation (changes of
     * a user), which share the idempotency records: length-prefixed so that no two different field
     * lists, of any length, hash alike, and so never alike to a creation's either.
     */
    public static String of(Stream<@Nullable String> fields) {
        return sha256(fields);
    }

    /** Length-prefixed so that no two different field lists can hash alike. */
    private static String sha256(Stream<@Nullable String> fields) {
        MessageDigest digest = sha256();
        fields.forEach(field -> {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            digest.update((field == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
