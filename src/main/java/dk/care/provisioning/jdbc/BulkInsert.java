package dk.care.provisioning.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Rows for one table held as one array per column, so that any number of rows is a fixed number
 * of parameters and {@link BulkInserts} can write several tables in one statement. A feature
 * states its table's columns here once and hands the rows to {@link BulkInserts#add}.
 */
public final class BulkInsert {

    private final String table;
    private final int rows;
    private final List<Column> columns;

    private BulkInsert(String table, int rows, List<Column> columns) {
        this.table = table;
        this.rows = rows;
        this.columns = List.copyOf(columns);
    }

    /** Starts an insert of these rows into the table. */
    public static <T> Builder<T> into(String table, List<T> rows) {
        return new Builder<>(table, rows);
    }

    String table() {
        return table;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    List<Column> columns() {
        return columns;
    }

    /** These rows, then those of {@code more}, which must be for the same table and columns. */
    BulkInsert followedBy(BulkInsert more) {
        if (!table.equals(more.table) || !columns.stream().map(Column::shape).toList()
                .equals(more.columns.stream().map(Column::shape).toList())) {
            throw new IllegalArgumentException("rows for " + table + " added with different columns");
        }
        return new BulkInsert(table, rows + more.rows, IntStream.range(0, columns.size())
                .mapToObj(i -> columns.get(i).followedBy(more.columns.get(i))).toList());
    }

    /** A column, its PostgreSQL element type and its values, one per row. */
    record Column(String name, String type, Object[] values) {

        String shape() {
            return name + " " + type;
        }

        Column followedBy(Column more) {
            // copyOf keeps the array's runtime type, which the driver reads (byte[][] for bytea).
            Object[] all = Arrays.copyOf(values, values.length + more.values.length);
            System.arraycopy(more.values, 0, all, values.length, more.values.length);
            return new Column(name, type, all);
        }
    }

    /** Collects the columns of one table. */
    public static final class Builder<T> {

        private final String table;
        private final List<T> rows;
        private final List<Column> columns = new ArrayList<>();

        private Builder(String table, List<T> rows) {
            this.table = table;
            this.rows = rows;
        }

        /** A text, uuid, bool or int4 column; null values are SQL nulls. */
        public Builder<T> column(String name, String type, Function<T, ?> value) {
            columns.add(new Column(name, type, rows.stream().map(value).toArray()));
            return this;
        }

        /** A timestamptz column, sent as ISO-8601 instants so the session time zone cannot shift them. */
        public Builder<T> instant(String name, Function<T, @Nullable Instant> value) {
            return column(name, "timestamptz", row -> {
                Instant instant = value.apply(row);
                return instant == null ? null : instant.toString();
            });
        }

        /** A bytea column; null values are SQL nulls. */
        public Builder<T> bytes(String name, Function<T, byte @Nullable []> value) {
            byte[][] values = new byte[rows.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = value.apply(rows.get(i));
            }
            columns.add(new Column(name, "bytea", values));
            return this;
        }

        public BulkInsert build() {
            return new BulkInsert(table, rows.size(), columns);
        }
    }
}
