package dev.cfn.store;

import dev.cfn.ConflictException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Copies an SQLite database to PostgreSQL (both already at this build's schema): every table, in
 * foreign-key order, in batches with ids kept; then points skills at their versions, resets the
 * identity sequences and verifies row counts and every version's content hash. The source is read
 * in one snapshot. The target records the run in {@code migrated_from}: a run cut short is resumed
 * by running again (rows already copied are skipped); any other data in the target is refused
 * unless {@code force}, which replaces it.
 */
public final class SqliteToPostgres {
    /** Tables in foreign-key order; tables a later schema adds are copied after them. */
    static final List<String> ORDER = List.of(
            "skills",
            "skill_versions",
            "approval_history",
            "agent_skill_mappings",
            "skill_usage_log",
            "change_epochs",
            "loop_runs",
            "loop_iterations",
            "agent_results",
            "loop_decisions",
            "loop_events",
            "agent_sessions",
            "agent_stops");

    private static final Set<String> NOT_COPIED = Set.of("schema_version", "sqlite_sequence", "migrated_from");
    private static final Set<String> SKILL_POINTERS =
            Set.of("latest_version_id", "deployed_version_id", "replacement_id");

    private final SqliteDatabase source;
    private final PostgresDatabase target;
    private final int batchRows;
    private final Clock clock;

    public SqliteToPostgres(SqliteDatabase source, PostgresDatabase target, int batchRows, Clock clock) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be >= 1, but was " + batchRows);
        }
        this.source = source;
        this.target = target;
        this.batchRows = batchRows;
        this.clock = clock;
    }

    /**
     * Runs the copy and its verification.
     *
     * @param onStart told the number of rows to copy, before the first batch
     * @param onRows told the rows of each committed batch
     * @throws ConflictException if the target holds other data and {@code force} is false
     */
    public MigrationResult run(boolean force, LongConsumer onStart, LongConsumer onRows) {
        return source.read(src -> {
            src.execute("BEGIN"); // one snapshot of the source for the copy and the verification
            try {
                return runInSnapshot(src, force, onStart, onRows);
            } finally {
                src.execute("COMMIT");
            }
        });
    }

    private MigrationResult runInSnapshot(Sql src, boolean force, LongConsumer onStart, LongConsumer onRows)
            throws SQLException {
        String sourceName = source.file().toAbsolutePath().toString();
        List<TableCopy> tables = tables(src);
        Map<String, Long> counts = counts(src, tables);
        MigrationResult.Mode mode = prepareTarget(sourceName, tables, force);
        onStart.accept(counts.values().stream().mapToLong(Long::longValue).sum());
        long started = System.nanoTime();
        long sent = 0;
        for (TableCopy table : tables) {
            long after = mode == MigrationResult.Mode.RESUMED ? copiedPrefix(table) : 0;
            if (after > 0) {
                onRows.accept(src.count("SELECT COUNT(*) FROM " + table.table() + " WHERE rowid <= ?", after));
            }
            sent += table.copy(src, target, after, batchRows, onRows);
        }
        pointSkillsAtVersions(src);
        finishTarget();
        Duration copyTime = Duration.ofNanos(System.nanoTime() - started);
        long verifyStart = System.nanoTime();
        MigrationCheck check = MigrationCheck.of(src, target, counts);
        Duration verifyTime = Duration.ofNanos(System.nanoTime() - verifyStart);
        if (check.problems().isEmpty()) {
            target.write(sql -> sql.update(
                    "UPDATE migrated_from SET finished_ms = ? WHERE source = ?", clock.millis(), sourceName));
        }
        return new MigrationResult(
                sourceName,
                target.describe(),
                mode,
                counts,
                sent,
                copyTime,
                verifyTime,
                check.versionsChecked(),
                check.problems());
    }

    private List<TableCopy> tables(Sql src) throws SQLException {
        List<String> present =
                src.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r -> r.getString(1));
        present.removeIf(NOT_COPIED::contains);
        List<String> ordered = new ArrayList<>(ORDER);
        ordered.retainAll(present);
        present.stream().filter(t -> !ORDER.contains(t)).forEach(ordered::add);
        return target.read(dst -> {
            List<TableCopy> copies = new ArrayList<>();
            for (String table : ordered) {
                copies.add(TableCopy.of(src, dst, table, table.equals("skills") ? SKILL_POINTERS : Set.of()));
            }
            return copies;
        });
    }

    private static Map<String, Long> counts(Sql sql, List<TableCopy> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableCopy table : tables) {
            counts.put(table.table(), sql.count("SELECT COUNT(*) FROM " + table.table()));
        }
        return counts;
    }

    /** Decides fresh, resumed or replaced, and records this run in the target. */
    private MigrationResult.Mode prepareTarget(String sourceName, List<TableCopy> tables, boolean force) {
        return target.write(sql -> {
            sql.execute("CREATE TABLE IF NOT EXISTS migrated_from (source TEXT PRIMARY KEY,"
                    + " started_ms BIGINT NOT NULL, finished_ms BIGINT)");
            sql.execute("LOCK TABLE migrated_from IN EXCLUSIVE MODE"); // one migration at a time
            Map<String, Long> held = counts(sql, tables);
            held.remove("change_epochs"); // seeded by the schema itself
            long rows = held.values().stream().mapToLong(Long::longValue).sum();
            boolean ownUnfinished =
                    sql.count("SELECT COUNT(*) FROM migrated_from WHERE source = ? AND finished_ms IS NULL", sourceName)
                            > 0;
            MigrationResult.Mode mode = rows == 0
                    ? MigrationResult.Mode.FRESH
                    : ownUnfinished && !force ? MigrationResult.Mode.RESUMED : MigrationResult.Mode.REPLACED;
            if (mode == MigrationResult.Mode.REPLACED && !force) {
                throw new ConflictException("target " + target.describe() + " already holds " + rows + " rows "
                        + nonEmpty(held) + "; pass --force to replace them");
            }
            if (mode == MigrationResult.Mode.REPLACED) {
                List<String> names = tables.stream().map(TableCopy::table).toList();
                sql.execute("TRUNCATE " + String.join(", ", names) + " RESTART IDENTITY CASCADE");
                sql.execute("DELETE FROM migrated_from");
            }
            sql.update(
                    "INSERT INTO migrated_from (source, started_ms) VALUES (?, ?) ON CONFLICT (source)"
                            + " DO UPDATE SET started_ms = EXCLUDED.started_ms, finished_ms = NULL",
                    sourceName,
                    clock.millis());
            return mode;
        });
    }

    private static String nonEmpty(Map<String, Long> held) {
        Map<String, Long> shown = new LinkedHashMap<>(held);
        shown.values().removeIf(n -> n == 0);
        return shown.toString();
    }

    /** The rowid after which a resumed copy of the table starts: batches commit in rowid order. */
    private long copiedPrefix(TableCopy table) {
        return table.rowidKey()
                .map(key -> target.read(sql -> sql.count("SELECT COALESCE(MAX(" + key + "), 0) FROM " + table.table())))
                .orElse(0L);
    }

    /** Sets the skills' forward pointers, copied as NULL, now that the versions exist. */
    private void pointSkillsAtVersions(Sql src) throws SQLException {
        String update =
                "UPDATE skills SET latest_version_id = ?, deployed_version_id = ?, replacement_id = ? WHERE id = ?";
        List<Object[]> rows = src.query(
                "SELECT latest_version_id, deployed_version_id, replacement_id, id FROM skills"
                        + " WHERE latest_version_id IS NOT NULL OR deployed_version_id IS NOT NULL"
                        + " OR replacement_id IS NOT NULL ORDER BY id",
                r -> new Object[] {r.getObject(1), r.getObject(2), r.getObject(3), r.getLong(4)});
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + batchRows));
            target.write(sql -> {
                for (Object[] row : batch) {
                    sql.addBatch(update, row);
                }
                sql.executeBatch(update);
                return null;
            });
        }
    }

    /** Identity sequences continue after the copied ids; caches keyed on the epochs miss. */
    private void finishTarget() {
        target.write(sql -> {
            List<String> identities = sql.query(
                    "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
                            + " AND column_name = 'id' AND is_identity = 'YES'",
                    r -> r.getString(1));
            for (String table : identities) {
                sql.one(
                        "SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + table,
                        r -> null,
                        table);
            }
            sql.update("UPDATE change_epochs SET epoch = epoch + 1");
            return null;
        });
    }
}
