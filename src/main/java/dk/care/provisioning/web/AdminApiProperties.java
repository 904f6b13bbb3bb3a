package dk.care.provisioning.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin API: failed tokens allowed per client address and window before the address is refused;
 * the API clients, each with its own token; and a file of further clients that is read again whenever
 * it changes, so that a token can be rotated without a restart. The names these had under
 * {@code provisioning.invitations.admin} are still read ({@link #withLegacy}).
 */
@Validated
@ConfigurationProperties("provisioning.admin-api")
record AdminApiProperties(
        @DefaultValue("10") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @Valid @DefaultValue List<ApiClient> clients,
        @Nullable Path clientsFile) {

    static final String PREFIX = "provisioning.admin-api";
    private static final String OLD_PREFIX = "provisioning.invitations.admin";

    /** These settings with each one still set under its old name instead, where the new name is unset. */
    AdminApiProperties withLegacy(LegacySettings legacy) {
        return new AdminApiProperties(
                legacy.read(OLD_PREFIX + ".max-failures-per-address", PREFIX + ".max-failures-per-address",
                        Integer.class).orElse(maxFailuresPerAddress),
                legacy.read(OLD_PREFIX + ".failure-window", PREFIX + ".failure-window", Duration.class)
                        .orElse(failureWindow),
                legacy.readList(OLD_PREFIX + ".clients", PREFIX + ".clients", ApiClient.class).orElse(clients),
                legacy.read(OLD_PREFIX + ".clients-file", PREFIX + ".clients-file", Path.class).orElse(clientsFile));
    }

    /**
     * An admin API client: its name (in the audit trail), the SHA-256 of its token (lower-case hex; two
     * while a token is being rotated), and its organisations or, explicitly, all of them. Checked in
     * the constructor, so that a client from the clients file is checked the same way.
     */
    record ApiClient(String name, List<String> tokenSha256, List<String> organisations,
                     boolean allOrganisations) {

        private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

        ApiClient {
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("an admin API client needs a name of 1-100 characters");
            }
            tokenSha256 = tokenSha256 == null ? List.of() : List.copyOf(tokenSha256);
            if (tokenSha256.isEmpty() || !tokenSha256.stream().allMatch(hash -> SHA_256.matcher(hash).matches())) {
                throw new IllegalArgumentException("admin API client " + name + " needs token-sha256: the lower-case "
                        + "hex SHA-256 of each of its tokens (printf %s \"$TOKEN\" | sha256sum)");
            }
            organisations = organisations == null ? List.of() : List.copyOf(organisations);
            if (allOrganisations == !organisations.isEmpty()) {
                throw new IllegalArgumentException("admin API client " + name + " needs either organisations or "
                        + "all-organisations: true, not both and not neither");
            }
        }
    }
}
