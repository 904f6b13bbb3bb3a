package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void aCellAFormulaCouldStartWithIsWrittenAsTextForSpreadsheets(@TempDir Path dir) throws Exception {
        List<String> hostile = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
                "\tcmd", "\rcmd");
        List<Ledger.Row> rows = hostile.stream().map(externalId -> new Ledger.Row(1, 2, externalId, "r-" + externalId.length(),
                1, Ledger.State.VALID, List.of())).toList();
        Path file = dir.resolve("report.csv");

        Report.write(file, rows, ';', false, false);

        List<String> cells = Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1)
                .filter(line -> line.startsWith("1;")).map(line -> line.split(";")[2]).toList();
        assertThat(cells).hasSize(6).allMatch(cell -> cell.startsWith("'") || cell.startsWith("\"'"));
        assertThat(Files.readString(file)).doesNotContain(";=", ";+", ";-", ";@", ";\t", ";\"=", ";\"\t", ";\"\r");
    }

    @Test
    void ordinaryCellsStayAsTheyAre() {
        assertThat(Report.spreadsheetSafe("E-1001")).isEqualTo("E-1001");
        assertThat(Report.spreadsheetSafe("")).isEmpty();
        assertThat(Report.spreadsheetSafe("=1+1")).isEqualTo("'=1+1");
        assertThat(Report.spreadsheetSafe("\t=1")).isEqualTo("'\t=1");
    }
}
