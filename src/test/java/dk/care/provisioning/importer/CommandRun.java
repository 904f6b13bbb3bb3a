package dk.care.provisioning.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the import command in this JVM: its exit code, what it printed and the report it wrote. */
record CommandRun(int exitCode, String output, String errors, String reportText) {

    /** Runs the command with {@code args}, which name {@code report} as the report to read back. */
    static CommandRun of(List<String> args, Path report) throws IOException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = ImportCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Files.exists(report) ? Files.readString(report) : "");
    }

    /** The report's data rows, read with the command's own CSV reader. */
    List<List<String>> report() throws IOException, BadInputException {
        try (CsvFile file = CsvFile.open("report", new ByteArrayInputStream(
                reportText.getBytes(StandardCharsets.UTF_8)))) {
            List<List<String>> rows = new ArrayList<>();
            for (CsvRow row = file.next(); row != null; row = file.next()) {
                rows.add(row.fields());
            }
            return rows;
        }
    }
}
