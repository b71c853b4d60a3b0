package dev.cfn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and upkeep of the database: integrity, foreign keys, content hashes, VACUUM, ANALYZE. */
public final class Maintenance {
    public static final List<String> TABLES =
            List.of("skills", "skill_versions", "approval_history", "agent_skill_mappings", "skill_usage_log");

    private final Database db;

    public Maintenance(Database db) {
        this.db = db;
    }

    /** Every problem found, one line each; empty when the database is sound. */
    public List<String> check() {
        return db.read(sql -> {
            List<String> problems = new ArrayList<>();
            if (db.dialect() == Dialect.SQLITE) {
                for (String line : sql.query("PRAGMA integrity_check", r -> r.getString(1))) {
                    if (!line.equals("ok")) {
                        problems.add("integrity: " + line);
                    }
                }
                problems.addAll(sql.query(
                        "PRAGMA foreign_key_check",
                        r -> "foreign key: row " + r.getLong(2) + " of " + r.getString(1) + " points to a missing "
                                + r.getString(3)));
            }
            problems.addAll(sql.query(
                    "SELECT s.name, v.version, v.content, v.content_hash FROM skill_versions v"
                            + " JOIN skills s ON s.id = v.skill_id ORDER BY s.name, v.major, v.minor, v.patch",
                    r -> {
                        String actual = sha256(r.getString(3));
                        return actual.equals(r.getString(4))
                                ? null
                                : "hash: " + r.getString(1) + " " + r.getString(2) + " content hashes to " + actual
                                        + ", but " + r.getString(4) + " is recorded";
                    }));
            problems.removeIf(p -> p == null);
            return problems;
        });
    }

    public long versionsChecked() {
        return db.read(sql -> sql.count("SELECT COUNT(*) FROM skill_versions"));
    }

    public void vacuum() {
        db.outsideTransaction(sql -> {
            sql.execute("VACUUM");
            return null;
        });
    }

    public void analyze() {
        db.write(sql -> {
            sql.execute("ANALYZE");
            return null;
        });
    }

    /** Row counts of the main tables. */
    public Map<String, Long> counts() {
        return db.read(sql -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : TABLES) {
                counts.put(table, sql.count("SELECT COUNT(*) FROM " + table));
            }
            return counts;
        });
    }

    /**
     * Bytes each main table takes with its indexes and TOAST data ({@code pg_total_relation_size});
     * PostgreSQL only (SQLite's size is its {@link #fileSizes files}).
     */
    public Map<String, Long> relationSizes() {
        return db.read(sql -> {
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String table : TABLES) {
                sizes.put(table, sql.count("SELECT pg_total_relation_size(CAST(? AS regclass))", table));
            }
            return sizes;
        });
    }

    /** Sizes in bytes of the SQLite file and its WAL and shared-memory files (0 when absent). */
    public static Map<String, Long> fileSizes(Path dbFile) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = Path.of(dbFile + suffix);
            try {
                sizes.put(p.getFileName().toString(), Files.exists(p) ? Files.size(p) : 0L);
            } catch (IOException e) {
                sizes.put(p.getFileName().toString(), -1L);
            }
        }
        return sizes;
    }

    private static String sha256(String content) {
        return Sha256.hex(content);
    }
}
