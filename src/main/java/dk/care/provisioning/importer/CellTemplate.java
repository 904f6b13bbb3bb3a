package dk.care.provisioning.importer;

import java.util.List;

/**
 * Where a field's value comes from in a row: one column, or text and columns joined, as
 * {@code column.name = Fornavn Efternavn} or {@code column.name = {Efternavn}, {Fornavn}} give it.
 * A joined value has its whitespace runs collapsed and is stripped, so a blank middle-name column
 * leaves no double space, and a row whose columns are all blank gives an empty (absent) value.
 */
record CellTemplate(List<Part> parts) {

    /** Text as written, or the stripped cell of a column (by its index in the header). */
    sealed interface Part permits Text, Cell {
    }

    record Text(String text) implements Part {
    }

    record Cell(int column) implements Part {
    }

    CellTemplate {
        parts = List.copyOf(parts);
    }

    static CellTemplate column(int column) {
        return new CellTemplate(List.of(new Cell(column)));
    }

    String apply(List<String> fields) {
        if (parts.size() == 1 && parts.getFirst() instanceof Cell(int column)) {
            return fields.get(column).strip();
        }
        var value = new StringBuilder();
        boolean anyCell = false;
        for (Part part : parts) {
            switch (part) {
                case Text(String text) -> value.append(text);
                case Cell(int column) -> {
                    String cell = fields.get(column).strip();
                    anyCell |= !cell.isEmpty();
                    value.append(cell);
                }
            }
        }
        // Only the template's text, no cell: the row has no value (", " alone is no name).
        return anyCell ? value.toString().replaceAll("\\s+", " ").strip() : "";
    }
}
