package dk.care.provisioning.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Writes several tables' rows in a single statement and round trip: each table is a data-modifying
 * {@code WITH} part inserting from {@code unnest} of its column arrays. PostgreSQL runs every part
 * to completion and checks foreign keys at the end of the statement, so parents and children may
 * be inserted together. The text depends only on the tables and columns, never on the row count,
 * so the server keeps one prepared plan per shape.
 */
@Component
public class BulkInserts {

    private final JdbcTemplate jdbc;

    BulkInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts every non-empty part, in one statement, in the caller's transaction if there is one. */
    public void insertAll(List<BulkInsert> inserts) {
        List<BulkInsert> parts = inserts.stream().filter(insert -> !insert.isEmpty()).toList();
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
}
