package dk.care.provisioning.importer;

import java.util.List;

/** One data row: its number among the data rows (from 1), the file line it starts on, and its fields. */
record CsvRow(long number, long line, List<String> fields) {

    CsvRow {
        fields = List.copyOf(fields);
    }
}
