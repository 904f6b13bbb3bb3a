package dk.care.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.access.OrganisationScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each admin API client by its own token, known only by its SHA-256: the configured ones, the legacy
 * single token as an all-organisations client, and a clients file whose changes count without a
 * restart, which is how a token is rotated.
 */
class ApiClientsTest {

    private static final String PORTAL_TOKEN = "portal-token-of-at-least-thirty-two-characters";
    private static final String ROTATED_TOKEN = "the-next-portal-token-of-thirty-two-characters";

    @Test
    void findsEachClientByItsOwnTokenWithItsOrganisations() {
        var clients = new ApiClients(List.of(client("portal", List.of(PORTAL_TOKEN), List.of("demo-omsorg"))), null, null);

        assertThat(clients.any()).isTrue();
        assertThat(clients.byToken(PORTAL_TOKEN)).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("portal");
            assertThat(client.scope()).isEqualTo(new OrganisationScope(false, Set.of("demo-omsorg")));
        });
        assertThat(clients.byToken(ROTATED_TOKEN)).isEmpty();
        assertThat(clients.byToken(hex(PORTAL_TOKEN))).as("the hash is no token").isEmpty();
        assertThat(new ApiClients(List.of(), null, null).any()).as("no client: the API is off").isFalse();
    }

    @Test
    void readsTheLegacySingleTokenAsAnAllOrganisationsClient() {
        var clients = new ApiClients(List.of(), "legacy-token-of-thirty-two-characters!", null);

        assertThat(clients.byToken("legacy-token-of-thirty-two-characters!")).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo(ApiClients.LEGACY_NAME);
            assertThat(client.scope().all()).isTrue();
        });
    }

    @Test
    void rotatesATokenThroughTheClientsFileWithoutARestart(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("admin-clients.json");
        write(file, "[{\"name\": \"portal\", \"token-sha256\": [\"" + hex(PORTAL_TOKEN) + "\"], "
                + "\"organisations\": [\"demo-omsorg\"]}]", 1);
        var clients = new ApiClients(List.of(), null, file);
        assertThat(clients.byToken(PORTAL_TOKEN)).map(ApiClients.Client::name).contains("portal");
        assertThat(clients.byToken(ROTATED_TOKEN)).isEmpty();

        // Both tokens while the admin UI moves to the new one, then the new one alone.
        write(file, "[{\"name\": \"portal\", \"token-sha256\": [\"" + hex(PORTAL_TOKEN) + "\", \"" + hex(ROTATED_TOKEN)
                + "\"], \"organisations\": [\"demo-omsorg\"]}]", 2);
        assertThat(clients.byToken(PORTAL_TOKEN)).isPresent();
        assertThat(clients.byToken(ROTATED_TOKEN)).isPresent();
        write(file, "[{\"name\": \"portal\", \"token-sha256\": [\"" + hex(ROTATED_TOKEN) + "\"], "
                + "\"organisations\": [\"demo-omsorg\"]}]", 3);
        assertThat(clients.byToken(PORTAL_TOKEN)).isEmpty();
        assertThat(clients.byToken(ROTATED_TOKEN)).map(client -> client.scope().organisations())
                .contains(Set.of("demo-omsorg"));

        // A broken edit keeps the clients read before.
        write(file, "[{\"name\": \"portal\", \"token-sha256\": [\"not a hash\"], \"all-organisations\": true}]", 4);
        assertThat(clients.byToken(ROTATED_TOKEN)).isPresent();
    }

    @Test
    void refusesAClientWithoutOrganisationsOrWithTwoNames() {
        assertThatThrownBy(() -> client("portal", List.of(PORTAL_TOKEN), List.of()))
                .hasMessageContaining("needs either organisations or all-organisations: true");
        assertThatThrownBy(() -> new AdminApiProperties.ApiClient("portal", List.of(hex(PORTAL_TOKEN)),
                List.of("demo-care"), true)).hasMessageContaining("not both");
        assertThatThrownBy(() -> new AdminApiProperties.ApiClient("portal", List.of(PORTAL_TOKEN), List.of("demo-care"),
                false)).as("a token where its hash belongs").hasMessageContaining("token-sha256");
        assertThatThrownBy(() -> new ApiClients(List.of(client("portal", List.of(PORTAL_TOKEN), List.of("a")),
                client("portal", List.of(ROTATED_TOKEN), List.of("b"))), null, null))
                .hasMessageContaining("two admin API clients are named portal");
    }

    private static AdminApiProperties.ApiClient client(String name, List<String> tokens, List<String> organisations) {
        return new AdminApiProperties.ApiClient(name, tokens.stream().map(ApiClientsTest::hex).toList(), organisations,
                false);
    }

    private static String hex(String token) {
        return HexFormat.of().formatHex(ApiClients.sha256(token));
    }

    /** Writes the file with a modification time of its own, as a later edit has. */
    private static void write(Path file, String json, int version) throws IOException {
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + version * 1000L));
    }
}
