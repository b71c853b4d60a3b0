package dev.cfn.store;

import dev.cfn.CfnException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Copies one table from SQLite to PostgreSQL in rowid order, in batches: each batch is one JDBC
 * batch insert in one PostgreSQL transaction, and a row whose primary key the target already holds
 * is skipped, so a copy cut short can simply run again. Columns in {@code deferred} are copied as
 * NULL (they point forward, e.g. skills -> skill_versions) and set by the caller afterwards.
 */
final class TableCopy {
    /** A batch is also cut when its text reaches this many characters (skill contents are large). */
    static final long MAX_BATCH_CHARS = 8L << 20;

    private final String table;
    private final List<String> columns;
    private final List<String> key;
    private final boolean rowidKey;
    private final Set<String> deferred;

    private TableCopy(String table, List<String> columns, List<String> key, boolean rowidKey, Set<String> deferred) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.key = List.copyOf(key);
        this.rowidKey = rowidKey;
        this.deferred = Set.copyOf(deferred);
    }

    /** Reads the table's columns and primary key from SQLite and checks PostgreSQL has them all. */
    static TableCopy of(Sql source, Sql target, String table, Set<String> deferred) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        boolean integerKey = false;
        for (String[] c : source.query(
                "SELECT name, pk, type FROM pragma_table_info(?) ORDER BY cid",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)},
                table)) {
            columns.add(c[0]);
            if (!c[1].equals("0")) {
                key.add(c[0]);
                integerKey = c[2].equalsIgnoreCase("INTEGER");
            }
        }
        List<String> present = target.query(
                "SELECT column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = ?",
                r -> r.getString(1),
                table);
        for (String column : columns) {
            if (!present.contains(column)) {
                throw new CfnException("cannot migrate table " + table + ": column " + column
                        + " exists in SQLite but not in PostgreSQL (are both at the same schema version?)");
            }
        }
        return new TableCopy(table, columns, key, key.size() == 1 && integerKey, deferred);
    }

    String table() {
        return table;
    }

    /**
     * The primary key column when it is a single INTEGER column, so SQLite's rowid (the copy order);
     * empty otherwise. A resumed copy starts after the highest such key the target holds.
     */
    java.util.Optional<String> rowidKey() {
        return rowidKey ? java.util.Optional.of(key.getFirst()) : java.util.Optional.empty();
    }

    /**
     * Copies the rows with a rowid above {@code after}.
     *
     * @param onRows told the number of rows of each committed batch
     * @return the rows sent
     */
    long copy(Sql source, Database target, long after, int batchRows, LongConsumer onRows) throws SQLException {
        String select = "SELECT rowid, " + String.join(", ", columns) + " FROM " + table
                + " WHERE rowid > ? ORDER BY rowid LIMIT ?";
        String insert = insertSql();
        long sent = 0;
        long last = after;
        while (true) {
            List<Object[]> rows = source.query(select, this::values, last, batchRows);
            if (rows.isEmpty()) {
                return sent;
            }
            int n = sendUpTo(target, insert, rows);
            last = (Long) rows.get(n - 1)[columns.size()];
            sent += n;
            onRows.accept(n);
        }
    }

    /** Sends the leading rows that fit {@link #MAX_BATCH_CHARS} (at least one); returns how many. */
    private int sendUpTo(Database target, String insert, List<Object[]> rows) {
        return target.write(sql -> {
            long chars = 0;
            int n = 0;
            for (Object[] row : rows) {
                if (n > 0 && chars > MAX_BATCH_CHARS) {
                    break;
                }
                sql.addBatch(insert, java.util.Arrays.copyOf(row, columns.size()));
                chars += textLength(row);
                n++;
            }
            sql.executeBatch(insert);
            return n;
        });
    }

    private String insertSql() {
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        String onConflict = key.isEmpty() ? "" : " ON CONFLICT (" + String.join(", ", key) + ") DO " + conflictAction();
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")" + onConflict;
    }

    /** Rows are immutable copies, except counters, which take the source's value. */
    private String conflictAction() {
        return table.equals("change_epochs") ? "UPDATE SET epoch = EXCLUDED.epoch" : "NOTHING";
    }

    /** The row's values, deferred columns as null, then its rowid. */
    private Object[] values(ResultSet r) throws SQLException {
        Object[] values = new Object[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            values[i] = deferred.contains(columns.get(i)) ? null : r.getObject(i + 2);
        }
        values[columns.size()] = r.getLong(1);
        return values;
    }

    private static long textLength(Object[] row) {
        long n = 16;
        for (Object value : row) {
            n += value instanceof String s ? s.length() : 8;
        }
        return n;
    }
}
