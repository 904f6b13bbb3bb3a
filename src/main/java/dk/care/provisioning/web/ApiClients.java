package dk.care.provisioning.web;

import dk.care.provisioning.access.OrganisationScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.AuthorityUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's clients, by token: the configured ones, the legacy single admin token as an
 * all-organisations client named {@value #LEGACY_NAME}, and those of the clients file, read again
 * whenever its modification time changes (a broken file keeps the clients read before, and says why
 * in the log).
 *
 * <p>Tokens are kept only as SHA-256. A fast hash is right here, unlike for passwords: a token is 32
 * random bytes, so there is nothing to guess that a slow hash would protect, and every API call
 * hashes it once.
 */
final class ApiClients {

    static final String LEGACY_NAME = "legacy-admin-token";
    static final int MIN_LEGACY_TOKEN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(ApiClients.class);
    // The same names as in the YAML configuration; a client without all-organisations has it false.
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** A client as the gate knows it: name, token hashes (raw bytes) and organisations. */
    record Client(String name, List<byte[]> tokenHashes, OrganisationScope scope) {
    }

    private final List<Client> configured;
    private final @Nullable Path file;
    private volatile List<Client> fromFile = List.of();
    private volatile @Nullable FileTime fileVersion;

    ApiClients(List<AdminApiProperties.ApiClient> clients, @Nullable String legacyToken, @Nullable Path file) {
        List<Client> all = new ArrayList<>(clients.stream().map(ApiClients::client).toList());
        if (legacyToken != null) {
            // Checked here, where the token is read; the message never quotes it.
            if (legacyToken.length() < MIN_LEGACY_TOKEN_LENGTH) {
                throw new IllegalArgumentException(AdminApiConfiguration.LEGACY_TOKEN + " must be at least "
                        + MIN_LEGACY_TOKEN_LENGTH + " characters (it has " + legacyToken.length()
                        + "); generate one with: openssl rand -base64 32");
            }
            all.add(new Client(LEGACY_NAME, List.of(sha256(legacyToken)),
                    new OrganisationScope(true, Set.of())));
        }
        this.configured = List.copyOf(all);
        this.file = file;
        unique(configured);
        if (file != null) {
            reloadIfChanged();
            if (fileVersion == null) {
                throw new IllegalArgumentException("provisioning.admin-api.clients-file " + file
                        + " cannot be read");
            }
        }
    }

    /** Whether the admin API has any client at all; without one it answers as if it did not exist. */
    boolean any() {
        return !configured.isEmpty() || file != null;
    }

    /** The client whose token this is. */
    Optional<Client> byToken(String token) {
        reloadIfChanged();
        byte[] hash = sha256(token);
        for (List<Client> clients : List.of(configured, fromFile)) {
            for (Client client : clients) {
                for (byte[] known : client.tokenHashes()) {
                    if (MessageDigest.isEqual(known, hash)) {
                        return Optional.of(client);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void reloadIfChanged() {
        if (file == null) {
            return;
        }
        synchronized (this) {
            try {
                FileTime version = Files.getLastModifiedTime(file);
                if (version.equals(fileVersion)) {
                    return;
                }
                List<Client> read = List.of(JSON.readValue(Files.readString(file), AdminApiProperties.ApiClient[].class))
                        .stream().map(ApiClients::client).toList();
                List<Client> both = new ArrayList<>(configured);
                both.addAll(read);
                unique(both);
                fromFile = read;
                fileVersion = version;
                log.info("Admin API clients file {} read: {}", file, read.stream().map(Client::name).toList());
            } catch (IOException | JacksonException | IllegalArgumentException e) {
                // The message names the problem; the file holds no token, only hashes.
                log.error("Admin API clients file {} not read, keeping the clients read before: {}", file,
                        e.getMessage());
            }
        }
    }

    private static void unique(List<Client> clients) {
        Set<String> names = new HashSet<>();
        for (Client client : clients) {
            if (!names.add(client.name())) {
                throw new IllegalArgumentException("two admin API clients are named " + client.name());
            }
        }
    }

    private static Client client(AdminApiProperties.ApiClient client) {
        return new Client(client.name(), client.tokenSha256().stream().map(HexFormat.of()::parseHex).toList(),
                OrganisationScope.of(AuthorityUtils.createAuthorityList(
                        OrganisationScope.authorities(client.allOrganisations(), client.organisations()))));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
