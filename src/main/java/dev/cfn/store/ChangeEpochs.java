package dev.cfn.store;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters bumped by every transaction that writes a group of tables ({@link #SKILLS}: the
 * registry; {@link #USAGE}: the usage log). Caches key on them, so a commit by any process, on
 * any connection, makes every cache that read those tables miss: one invalidation mechanism that
 * also works across processes and on a shared Redis cache.
 */
public final class ChangeEpochs {
    public static final String SKILLS = "skills";
    public static final String USAGE = "usage";

    private ChangeEpochs() {}

    public static void bump(Sql sql, String name) throws SQLException {
        sql.update("UPDATE change_epochs SET epoch = epoch + 1 WHERE name = ?", name);
    }

    /** Every counter by name, in one query. */
    public static Map<String, Long> readAll(Sql sql) throws SQLException {
        Map<String, Long> epochs = new HashMap<>();
        for (Object[] row :
                sql.query("SELECT name, epoch FROM change_epochs", r -> new Object[] {r.getString(1), r.getLong(2)})) {
            epochs.put((String) row[0], (Long) row[1]);
        }
        return epochs;
    }

    public static long read(Sql sql, String name) throws SQLException {
        return sql.count("SELECT epoch FROM change_epochs WHERE name = ?", name);
    }
}
