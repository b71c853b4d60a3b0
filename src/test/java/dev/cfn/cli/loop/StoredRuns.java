package dev.cfn.cli.loop;

import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Read-only queries on the SQLite file a {@code cfn} child process writes (plain JDBC, no migrations). */
final class StoredRuns implements AutoCloseable {
    private final Connection connection;

    private StoredRuns(Connection connection) {
        this.connection = connection;
    }

    static StoredRuns of(Cfn cfn) {
        return of(cfn.dbFile());
    }

    static StoredRuns of(Path file) {
        try {
            return new StoredRuns(DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro"));
        } catch (SQLException e) {
            throw new AssertionError("cannot open " + file, e);
        }
    }

    /** Rows of a table, 0 when the database file or the table does not exist (nothing was written). */
    static long rows(Path file, String table) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (StoredRuns db = of(file)) {
            if (db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = ?", table) == 0) {
                return 0;
            }
            return db.count("SELECT COUNT(*) FROM " + table);
        }
    }

    long count(String sql, Object... args) {
        return Long.parseLong(text(sql, args));
    }

    String text(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
