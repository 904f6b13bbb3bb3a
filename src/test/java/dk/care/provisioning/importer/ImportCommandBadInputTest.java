package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and options the command refuses before it connects to anything: exit code 3 and an error that
 * says where the problem is. The broker address points nowhere, so any attempt to publish would fail
 * differently.
 */
class ImportCommandBadInputTest {

    private static final String MAPPING = """
            source = hr-test
            column.name = Navn
            column.phone = Mobil
            default.organisationId = demo-care
            default.departmentId = demo-care.home-care
            default.roleId = demo-care.relative
            default.userType = RELATIVE
            default.login = PHONE_SELF_REGISTRATION
            """;

    @TempDir
    Path dir;

    @Test
    void aMissingColumn() throws IOException {
        assertRefused("Navn;Telefon\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8),
                "import: hr.csv, line 1, column 1: no column 'Mobil' (mapping.properties: column.phone); the header has 'Navn', 'Telefon'");
    }

    @Test
    void aFileInAnotherEncoding() throws IOException {
        assertRefused("Navn;Mobil\nSøren;+4520123456\n".getBytes(StandardCharsets.ISO_8859_1),
                "import: hr.csv, line 2, column 2: bytes 0xF8 are not UTF-8");
    }

    @Test
    void aRowWithTooManyFields() throws IOException {
        assertRefused("Navn;Mobil\nKaren;+4520123456\nIb;+4520123457;x\n".getBytes(StandardCharsets.UTF_8),
                "import: hr.csv, line 3, column 16: the row has more fields than the header's 2 columns");
    }

    @Test
    void anEmptyFile() throws IOException {
        assertRefused(new byte[0], "import: hr.csv, line 1, column 1: the file is empty");
    }

    @Test
    void aHeaderWithoutRows() throws IOException {
        assertRefused("Navn;Mobil\n".getBytes(StandardCharsets.UTF_8), "import: hr.csv: the header is not followed by any row");
    }

    @Test
    void moreRowsThanAllowed() throws IOException {
        assertRefused("Navn;Mobil\nKaren;+4520123456\nIb;+4520123457\n".getBytes(StandardCharsets.UTF_8),
                "import: hr.csv, line 3, column 1: more than 1 rows", "--max-rows", "1");
    }

    @Test
    void secretsWithoutTheWorkersKey() throws IOException {
        Files.writeString(dir.resolve("mapping.properties"), MAPPING + "column.password = Kode\n");
        assertRefused("Navn;Mobil;Kode\nKaren;+4520123456;x\n".getBytes(StandardCharsets.UTF_8),
                "import: the mapping has passwords or CPR numbers, which are encrypted to the worker's public key: "
                        + "give it with --worker-key");
    }

    @Test
    void aMissingMappingFile() throws IOException {
        Files.writeString(dir.resolve("mapping.properties"), MAPPING);
        Path missing = dir.resolve("no-such-mapping.properties");

        Result result = run("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8), "--mapping", missing.toString());

        assertThat(result.code()).isEqualTo(ImportCommand.NOTHING_PUBLISHED);
        assertThat(result.errors()).startsWith("import: no mapping file " + missing);
    }

    @Test
    void aBrokerItCannotReach() throws IOException {
        assertRefused("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8),
                "import: cannot read the outcome topics", "--spring.kafka.properties.default.api.timeout.ms=1000",
                "--spring.kafka.properties.request.timeout.ms=500");
    }

    @Test
    void anUnknownOption() throws IOException {
        Result result = run("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8), "--dryrun");

        assertThat(result.code()).isEqualTo(ImportCommand.NOTHING_PUBLISHED);
        assertThat(result.errors()).contains("Unknown option: '--dryrun'");
    }

    @Test
    void aSyncWithoutExternalIdsOrWithAnOrganisationColumn() throws IOException {
        byte[] csv = "Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8);
        assertRefused(csv, "import: mapping.properties: a sync matches rows to users by external id: give "
                + "column.externalId", "--sync");

        Files.writeString(dir.resolve("mapping.properties"), MAPPING.replace("default.organisationId = demo-care\n",
                "column.organisationId = Navn\n") + "column.externalId = Mobil\n");
        assertRefused(csv, "import: mapping.properties: a sync is for one organisation: give it as "
                + "default.organisationId, without column.organisationId", "--sync");
    }

    @Test
    void aLeaverLimitThatIsNoNumberOrPercentage() throws IOException {
        for (String limit : List.of("ten", "150%", "-1", "5 %")) {
            Result result = run("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8), "--sync",
                    "--max-leavers", limit);

            assertThat(result.code()).isEqualTo(ImportCommand.NOTHING_PUBLISHED);
            assertThat(result.errors()).contains("--max-leavers must be a number (25) or a percentage from 0% to 100%");
        }
    }

    @Test
    void aPreviousReportThatIsNotASyncsReport() throws IOException {
        Files.writeString(dir.resolve("mapping.properties"), MAPPING + "column.externalId = Mobil\n");
        Path importReport = Files.writeString(dir.resolve("import-report.csv"), String.join(";", Report.COLUMNS) + "\n");

        assertRefused("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8),
                "import: import-report.csv, line 1, column 1: not the report of a sync", "--sync",
                "--previous-report", importReport.toString());
        assertRefused("Navn;Mobil\nKaren;+4520123456\n".getBytes(StandardCharsets.UTF_8),
                "import: no previous report", "--sync", "--previous-report", dir.resolve("none.csv").toString());
    }

    private void assertRefused(byte[] csv, String error, String... options) throws IOException {
        Result result = run(csv, options);

        assertThat(result.code()).as(result.errors()).isEqualTo(ImportCommand.NOTHING_PUBLISHED);
        assertThat(result.errors()).startsWith(error).contains("Nothing was published.");
        assertThat(dir.resolve("report.csv")).doesNotExist();
    }

    private Result run(byte[] csv, String... options) throws IOException {
        Path file = Files.write(dir.resolve("hr.csv"), csv);
        Path mapping = dir.resolve("mapping.properties");
        if (!Files.exists(mapping)) {
            Files.writeString(mapping, MAPPING);
        }
        List<String> args = new ArrayList<>(List.of("--file", file.toString(),
                "--report", dir.resolve("report.csv").toString(), "--progress", "none",
                "--spring.kafka.bootstrap-servers=localhost:1"));
        args.addAll(List.of(options));
        if (!args.contains("--mapping")) {
            args.addAll(List.of("--mapping", mapping.toString()));
        }
        var err = new ByteArrayOutputStream();
        int code = ImportCommand.execute(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String errors) {
    }
}
