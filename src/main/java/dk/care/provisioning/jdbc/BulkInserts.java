package dk.care.provisioning.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the rows that features add in one transaction and writes them in a single statement and
 * round trip just before it commits: each table is a data-modifying {@code WITH} part inserting from
 * {@code unnest} of its column arrays. PostgreSQL runs every part to completion and checks foreign
 * keys at the end of the statement, so parents and children may be inserted together. The text
 * depends only on the tables and columns, never on the row count, so the server keeps one prepared
 * plan per shape.
 */
@Component
public class BulkInserts {

    private final JdbcTemplate jdbc;

    BulkInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds rows to the current transaction's statement, after the rows added before them; a table's
     * rows stay in the order they were added. A failing insert fails the commit, which rolls back.
     */
    public void add(BulkInsert insert) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("rows are written when a transaction commits: add them inside one");
        }
        var statement = (Statement) TransactionSynchronizationManager.getResource(this);
        if (statement == null) {
            statement = new Statement();
            TransactionSynchronizationManager.bindResource(this, statement);
            TransactionSynchronizationManager.registerSynchronization(statement);
        }
        statement.add(insert);
    }

    private void insertAll(List<BulkInsert> parts) {
        if (parts.isEmpty()) {
            return;
        }
        List<Object> arrays = new ArrayList<>();
        var with = new StringJoiner(",\n", "with ", "\n");
        for (int i = 0; i < parts.size() - 1; i++) {
            with.add("part" + i + " as (" + render(parts.get(i), arrays) + ")");
        }
        String last = render(parts.getLast(), arrays);
        jdbc.update(parts.size() == 1 ? last : with + last, arrays.toArray());
    }

    private static String render(BulkInsert insert, List<Object> arrays) {
        var names = new StringJoiner(", ");
        var unnest = new StringJoiner(", ");
        for (BulkInsert.Column column : insert.columns()) {
            names.add(column.name());
            unnest.add("?::" + column.type() + "[]");
            arrays.add(new SqlArrayValue(column.type(), column.values()));
        }
        return "insert into " + insert.table() + " (" + names + ") select * from unnest(" + unnest + ")";
    }

    /** One transaction's rows, a part per table in the order of the tables' first rows. */
    private final class Statement implements TransactionSynchronization {

        private final Map<String, BulkInsert> parts = new LinkedHashMap<>();

        void add(BulkInsert insert) {
            if (!insert.isEmpty()) {
                parts.merge(insert.table(), insert, BulkInsert::followedBy);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            insertAll(List.copyOf(parts.values()));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResource(BulkInserts.this);
        }
    }
}
