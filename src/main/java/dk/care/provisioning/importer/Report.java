package dk.care.provisioning.importer;

import dk.care.provisioning.user.Violation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The per-row report (CSV, with the input's separator, so a spreadsheet opens it like the export) and
 * the summary. Neither ever holds a secret: rows carry ids, outcomes, error codes, field names and the
 * worker's messages, which never quote a value.
 */
final class Report {

    static final List<String> COLUMNS = List.of("row", "line", "externalId", "requestId", "outcome", "userId",
            "errors", "message");
    /** A sync's report: one line per step of the plan, with what it does, when, and from what to what. */
    static final List<String> SYNC_COLUMNS = List.of("row", "line", "externalId", "action", "effectiveAt", "details",
            "requestId", "outcome", "userId", "errors", "message");

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Report() {
    }

    static void write(Path file, List<Ledger.Row> rows, char separator, boolean byteOrderMark, boolean sync)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (byteOrderMark) {
                out.write('\uFEFF');
            }
            writeLine(out, sync ? SYNC_COLUMNS : COLUMNS, separator);
            for (Ledger.Row row : rows) {
                List<Violation> errors = row.errors == null ? List.of() : row.errors;
                String message = errors.stream().map(Violation::message).collect(Collectors.joining("; "));
                if (row.note != null) {
                    message = message.isEmpty() ? row.note : message + "; " + row.note;
                }
                // A leaver has no row of the file: its row and line are left empty.
                String number = row.number == 0 ? "" : Long.toString(row.number);
                String line = row.number == 0 ? "" : Long.toString(row.line);
                writeLine(out, sync
                        ? List.of(number, line, Objects.toString(row.externalId, ""),
                                row.action == null ? "" : row.action.name(), Objects.toString(row.effectiveAt, ""),
                                row.details, row.requestId, row.state.name(), Objects.toString(row.userId, ""),
                                codes(errors), message)
                        : List.of(number, line, Objects.toString(row.externalId, ""), row.requestId, row.state.name(),
                                Objects.toString(row.userId, ""), codes(errors), message), separator);
            }
        }
    }

    /**
     * A sync's plan for the terminal: the steps per action, then every step that changes something,
     * one line each (row, external id, action, when, from what to what).
     */
    static String plan(List<Ledger.Row> rows) {
        Map<SyncPlan.Action, Long> actions = new EnumMap<>(SyncPlan.Action.class);
        var lines = new StringBuilder();
        for (Ledger.Row row : rows) {
            if (row.action != null) {
                actions.merge(row.action, 1L, Long::sum);
            }
            if (row.action != null && row.action != SyncPlan.Action.UNCHANGED) {
                lines.append(String.format("  %-8s %-12s %-14s %s%s%n", row.number == 0 ? "-" : "row " + row.number,
                        row.externalId, row.action, row.effectiveAt == null ? "" : "at " + row.effectiveAt + ": ",
                        row.details));
            }
        }
        var text = new StringBuilder("Plan:\n");
        actions.forEach((action, count) -> text.append(String.format("  %-14s %,9d%n", action, count)));
        return text.append(lines).toString();
    }

    /**
     * The changes an earlier sync's report says were scheduled (outcome SCHEDULED, with an effectiveAt):
     * what the next sync compares its own schedules with. Fails unless the file is a sync's report.
     */
    static List<SyncPlan.Scheduled> scheduledIn(Path previous) throws IOException, BadInputException {
        String name = previous.getFileName().toString();
        List<SyncPlan.Scheduled> scheduled = new ArrayList<>();
        if (!Files.isRegularFile(previous)) {
            throw new BadInputException("no previous report " + previous);
        }
        try (CsvFile csv = CsvFile.open(previous, new AtomicLong())) {
            if (!csv.header().equals(SYNC_COLUMNS)) {
                throw BadInputException.at(name, 1, 1, "not the report of a sync: its header is not "
                        + String.join(String.valueOf(csv.separator()), SYNC_COLUMNS));
            }
            for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                List<String> cells = row.fields();
                if (cells.get(7).equals(Ledger.State.SCHEDULED.name()) && !cells.get(4).isEmpty()) {
                    try {
                        scheduled.add(new SyncPlan.Scheduled(cells.get(8), SyncPlan.Action.valueOf(cells.get(3)),
                                Instant.parse(cells.get(4)), cells.get(6)));
                    } catch (IllegalArgumentException | DateTimeParseException e) {
                        throw BadInputException.at(name, row.line(), 1, "not a scheduled change as a sync writes it");
                    }
                }
            }
        }
        return scheduled;
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
