package dev.cfn.testing;

import dev.cfn.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Every row of every table (the change epochs and schema_version included), for asserting that a
 * failed operation changed nothing at all.
 */
public final class DbDump {
    private DbDump() {}

    public static Map<String, List<List<Object>>> of(Database db) {
        return db.read(sql -> dump(sql.connection()));
    }

    /** Dumps a SQLite file through its own read-only connection (no migration, no write). */
    public static Map<String, List<List<Object>>> ofFile(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file)) {
            return dump(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump " + file, e);
        }
    }

    /** Row counts per table. */
    public static Map<String, Integer> counts(Map<String, List<List<Object>>> dump) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        dump.forEach((table, rows) -> counts.put(table, rows.size()));
        return counts;
    }

    private static Map<String, List<List<Object>>> dump(Connection c) throws SQLException {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                tables.put(table, rows(s, table));
            }
        }
        return tables;
    }

    private static List<List<Object>> rows(Statement s, String table) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
