package dev.cfn.store;

import dev.cfn.CfnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned SQL migrations: {@code db/<dialect>/V1.sql}, {@code V2.sql}, ... on the classpath,
 * applied in order, each in its own transaction, and recorded in {@code schema_version}. The
 * first line of a file is a {@code --} comment describing it. Files are listed in {@code
 * db/<dialect>/migrations.list} (no classpath scanning, and no lookup of a file that does not
 * exist: a missed lookup searches every jar of the class path, which costs a one-shot command
 * ~15 ms); without that list they are found by counting up.
 */
public final class Migrations {
    /** The file in each dialect's folder naming its migrations, one V&lt;n&gt;.sql a line, in order. */
    static final String LIST = "migrations.list";

    private final Dialect dialect;

    public Migrations(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The migrations shipped with this build, in order. */
    public List<Migration> available() {
        String list = read(dialect.migrationFolder() + "/" + LIST);
        int count = list == null
                ? Integer.MAX_VALUE
                : (int) list.lines().filter(l -> !l.isBlank()).count();
        List<Migration> result = new ArrayList<>();
        for (int version = 1; version <= count; version++) {
            String path = dialect.migrationFolder() + "/V" + version + ".sql";
            String text = read(path);
            if (text == null) {
                if (list != null) {
                    throw new CfnException(LIST + " names " + count + " migrations but " + path + " is missing");
                }
                return result;
            }
            result.add(Migration.of(version, text));
        }
        return result;
    }

    /**
     * How many migrations {@value #LIST} names, without reading them; -1 when there is no list
     * (then only {@link #available} knows).
     */
    public int count() {
        String list = read(dialect.migrationFolder() + "/" + LIST);
        return list == null ? -1 : (int) list.lines().filter(l -> !l.isBlank()).count();
    }

    /**
     * The migrations after {@code version}, in order: those a database at that version still needs.
     * A database at the last version (the usual start) costs one read of the list and no migration
     * file is read or parsed.
     */
    public List<Migration> after(int version) {
        int count = count();
        if (count < 0) {
            return available().stream().filter(m -> m.version() > version).toList();
        }
        List<Migration> result = new ArrayList<>();
        for (int v = version + 1; v <= count; v++) {
            String path = dialect.migrationFolder() + "/V" + v + ".sql";
            String text = read(path);
            if (text == null) {
                throw new CfnException(LIST + " names " + count + " migrations but " + path + " is missing");
            }
            result.add(Migration.of(v, text));
        }
        return result;
    }

    private static String read(String path) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CfnException("cannot read migration " + path + ": " + e.getMessage(), e);
        }
    }

    /** The version the database is at; 0 for a new database. */
    public static int currentVersion(Sql sql) throws SQLException {
        sql.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
        return (int) sql.count("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    }

    /** Applies one migration; the caller holds the transaction. */
    public static void apply(Sql sql, Migration migration) throws SQLException {
        for (String statement : migration.statements()) {
            sql.execute(statement);
        }
        sql.update(
                "INSERT INTO schema_version (version, description, applied_ms) VALUES (?, ?, ?)",
                migration.version(),
                migration.description(),
                System.currentTimeMillis());
    }
}
