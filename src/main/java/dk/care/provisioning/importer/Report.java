package dk.care.provisioning.importer;

import dk.care.provisioning.user.Violation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The per-row report (CSV, with the input's separator, so a spreadsheet opens it like the export) and
 * the summary. Neither ever holds a secret: rows carry ids, outcomes, error codes, field names and the
 * worker's messages, which never quote a value.
 */
final class Report {

    static final List<String> COLUMNS = List.of("row", "line", "externalId", "requestId", "outcome", "userId",
            "errors", "message");

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Report() {
    }

    static void write(Path file, List<Ledger.Row> rows, char separator, boolean byteOrderMark) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (byteOrderMark) {
                out.write('\uFEFF');
            }
            writeLine(out, COLUMNS, separator);
            for (Ledger.Row row : rows) {
                List<Violation> errors = row.errors == null ? List.of() : row.errors;
                String message = errors.stream().map(Violation::message).collect(Collectors.joining("; "));
                if (row.note != null) {
                    message = message.isEmpty() ? row.note : message + "; " + row.note;
                }
                writeLine(out, List.of(Long.toString(row.number), Long.toString(row.line),
                        Objects.toString(row.externalId, ""), row.requestId, row.state.name(),
                        Objects.toString(row.userId, ""), codes(errors), message), separator);
            }
        }
    }

    /** Every code with its field, e.g. {@code EMAIL_INVALID email; PASSWORD_TOO_WEAK login.password}. */
    private static String codes(List<Violation> errors) {
        return errors.stream().map(error -> error.field() == null ? error.code().name()
                : error.code().name() + " " + error.field()).collect(Collectors.joining("; "));
    }

    private static void writeLine(BufferedWriter out, List<String> fields, char separator) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            String field = spreadsheetSafe(fields.get(i));
            boolean quote = field.indexOf(separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0;
            out.write(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        out.write("\r\n");
    }

    /**
     * The cell as text a spreadsheet shows rather than evaluates: one that starts with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '} (OWASP, CSV injection). An
     * external id comes from the HR export as it is, and {@code =HYPERLINK(…)} there must stay text.
     */
    static String spreadsheetSafe(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** Rows per final state, and per error code for the rows that were rejected. */
    static String summary(List<Ledger.Row> rows) {
        Map<Ledger.State, Long> states = new EnumMap<>(Ledger.State.class);
        Map<Ledger.State, Map<String, Long>> codes = new EnumMap<>(Ledger.State.class);
        for (Ledger.Row row : rows) {
            states.merge(row.state, 1L, Long::sum);
            if (row.errors != null) {
                row.errors.stream().map(error -> error.code().name()).distinct().forEach(code ->
                        codes.computeIfAbsent(row.state, s -> new TreeMap<>()).merge(code, 1L, Long::sum));
            }
        }
        var text = new StringBuilder();
        states.forEach((state, count) -> {
            text.append(String.format("  %-14s %,9d", state, count));
            Map<String, Long> byCode = codes.get(state);
            if (byCode != null) {
                text.append("   ").append(byCode.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            text.append('\n');
        });
        return text.toString();
    }
}
