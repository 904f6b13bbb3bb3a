package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserCreated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import command against the worker on the embedded default's real broker, PostgreSQL and registry:
 * the command runs in-process, as {@code java -jar … import} runs it, configured by arguments only.
 */
class ImportCommandIntegrationTest extends WorkerIntegrationTest {

    private static final String HEADER = "Medarbejdernr;Navn;E-mail;Mobil;Afdeling;Rolle;Login;Brugernavn;Startkodeord;CPR";

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void importsValidRowsReportsEveryOutcomeAndARerunCreatesNoUserAndReportsTheSame() throws Exception {
        String cpr = Requests.uniqueCpr();
        String taken = "taken." + run;
        var existing = Requests.standard(encrypted("Another-long-passphrase"))
                .setLogin(StandardLogin.newBuilder().setUsername(taken)
                        .setPassword(encrypted("Another-long-passphrase")).build()).build();
        send(existing);
        outcomes().awaitOutcome(existing.getRequestId(), UserCreated.class);
        Path csv = csv(
                row("1", "Søren Ærø Kjærgaard", "s-" + run + "@example.org", "+45 20 12 34 56", "Hjemmeplejen", "Plejer",
                        "Adgangskode", "soren." + run, "Blåbærgrød-med-fløde", ""),
                row("2", "Åse Östlund", "a-" + run + "@example.org", "", "Hjemmeplejen", "Plejer", "MitID", "", "", cpr),
                row("3", "Karen Hansen", "", "+45 31 23 45 67", "Hjemmeplejen", "Pårørende", "SMS", "", "", ""),
                row("4", "Jens Ølgaard", "jens@@example", "+45 40 11 22 33", "Hjemmeplejen", "Plejer", "Adgangskode",
                        "jens." + run, "password123", ""),
                row("5", "Ib Holm", "", "+45 50 60 70 80", "Køkkenet", "Plejer", "SMS", "", "", ""),
                row("6", "Signe Dahl", "d-" + run + "@example.org", "+45 22 33 44 55", "Hjemmeplejen", "Plejer",
                        "Adgangskode", taken, "Rødgrød-med-fløde-2026", ""));

        CommandRun first = importFile(csv, "--report", dir.resolve("first.csv").toString());

        assertThat(first.exitCode()).as(first.output() + first.errors()).isEqualTo(ImportCommand.SOME_REJECTED);
        List<List<String>> report = first.report();
        assertThat(report).extracting(row -> row.get(4))
                .containsExactly("CREATED", "CREATED", "CREATED", "INVALID", "FAILED", "FAILED");
        assertThat(report.get(3).get(6)).isEqualTo("EMAIL_INVALID email; PASSWORD_TOO_WEAK login.password");
        assertThat(report.get(4).get(6)).isEqualTo("DEPARTMENT_NOT_FOUND departmentId");
        assertThat(report.get(5).get(6)).isEqualTo("USERNAME_TAKEN login.username");
        List<String> requestIds = report.stream().map(row -> row.get(3)).toList();
        for (int created = 0; created < 3; created++) {
            assertThat(jdbc.sql("select id::text from app_user where request_id = ?").param(requestIds.get(created))
                    .query(String.class).single()).isEqualTo(report.get(created).get(5));
        }
        assertThat(first.reportText()).doesNotContain("Blåbærgrød", "password123", "Rødgrød", cpr);
        assertThat(first.output()).contains("CREATED", "3", "USERNAME_TAKEN 1");

        CommandRun second = importFile(csv, "--report", dir.resolve("second.csv").toString());

        assertThat(second.exitCode()).as(second.output()).isEqualTo(ImportCommand.SOME_REJECTED);
        assertThat(second.reportText()).isEqualTo(first.reportText());
        assertThat(jdbc.sql("select count(*) from app_user where request_id in (:ids)").param("ids", requestIds)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void dryRunChecksEveryRowAndPublishesNothing() throws Exception {
        Path csv = csv(
                row("1", "Karen Hansen", "", "+45 31 23 45 67", "Hjemmeplejen", "Pårørende", "SMS", "", "", ""),
                row("2", "Birgitte Lærkesen", "", "20 12 34 56", "Hjemmeplejen", "Pårørende", "SMS", "", "", ""));
        Map<TopicPartition, Long> before = endOffsets(topics.requests());

        CommandRun result = importFile(csv, "--dry-run");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(ImportCommand.SOME_REJECTED);
        assertThat(result.report()).extracting(row -> row.get(4)).containsExactly("VALID", "INVALID");
        assertThat(result.report().get(1).get(6)).isEqualTo("PHONE_MISSING_COUNTRY_CODE phone");
        assertThat(result.output()).contains("nothing published (dry run)");
        assertThat(endOffsets(topics.requests())).isEqualTo(before);
    }

    @Test
    void aBadRowAfterValidOnesStopsTheImportBeforeAnythingIsPublished() throws Exception {
        Path csv = csv(
                row("1", "Karen Hansen", "", "+45 31 23 45 67", "Hjemmeplejen", "Pårørende", "SMS", "", "", ""),
                row("2", "Ib Holm", "", "+45 50 60 70 80", "Hjemmeplejen", "Pårørende", "SMS", "", "", "") + ";extra");
        Map<TopicPartition, Long> before = endOffsets(topics.requests());

        CommandRun result = importFile(csv);

        assertThat(result.exitCode()).isEqualTo(ImportCommand.NOTHING_PUBLISHED);
        assertThat(result.errors()).contains("import.csv, line 3, column ",
                ": the row has more fields than the header's 10 columns", "Nothing was published.");
        assertThat(endOffsets(topics.requests())).isEqualTo(before);
    }

    @Test
    void requestsNobodyAnswersAreReportedAsNotAnsweredWithTheirOwnExitCode() throws Exception {
        String orphanTopic = "importer-orphan-" + run;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(orphanTopic, 1, (short) 1))).all().get();
        }
        Path csv = csv(row("1", "Karen Hansen", "", "+45 31 23 45 67", "Hjemmeplejen", "Pårørende", "SMS", "", "", ""));

        CommandRun result = importFile(csv, "--provisioning.topics.requests=" + orphanTopic, "--outcome-timeout=2s");

        assertThat(result.exitCode()).isEqualTo(ImportCommand.NOT_ALL_ANSWERED);
        assertThat(result.report()).extracting(row -> row.get(4)).containsExactly("NOT_ANSWERED");
    }

    private CommandRun importFile(Path csv, String... more) throws IOException {
        Path key = Files.writeString(dir.resolve("worker-key.json"), workerPublicKey().toJSONString());
        // The sample mapping of the repository: the test exports use its column names.
        Path mapping = Path.of("examples/hr-mapping.properties");
        List<String> args = new ArrayList<>(List.of("--file", csv.toString(), "--mapping", mapping.toString(),
                "--worker-key", key.toString(), "--progress", "lines",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + registryUrl()));
        args.addAll(List.of(more));
        if (!args.contains("--report")) {
            args.addAll(List.of("--report", dir.resolve("report.csv").toString()));
        }
        Path written = Path.of(args.get(args.indexOf("--report") + 1));
        return CommandRun.of(args, written);
    }

    private static String row(String... fields) {
        return String.join(";", fields);
    }

    /** The export as HR systems write it for Danish spreadsheets: UTF-8 with a byte order mark, ';', CRLF. */
    private Path csv(String... rows) throws IOException {
        String text = "\uFEFF" + String.join("\r\n", Stream.concat(Stream.of(HEADER),
                Stream.of(rows).map(row -> row.replaceFirst("^(\\d+)", "$1-" + run))).toList()) + "\r\n";
        return Files.writeString(dir.resolve("import.csv"), text);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
}
