package dev.cfn.cli;

import static org.awaitility.Awaitility.await;

import dev.cfn.store.PgSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Holds the row lock of skill {@code race} in an open transaction, so writers that lock it first
 * (every registry write does) queue behind it; closing releases them all at once.
 */
final class Gate implements AutoCloseable {
    private final Connection connection;
    private final int pid;
    /** Autocommit: pg_stat_activity is a snapshot that stays fixed for the rest of a transaction. */
    private final Connection monitor;

    private Gate(Connection connection, int pid, Connection monitor) {
        this.connection = connection;
        this.pid = pid;
        this.monitor = monitor;
    }

    static Gate closeOn(PgSchema schema) throws SQLException {
        Connection c = DriverManager.getConnection(schema.url().url());
        c.setAutoCommit(false);
        try (var s = c.createStatement()) {
            s.executeQuery("SELECT id FROM skills WHERE name = 'race' FOR UPDATE")
                    .close();
            var rows = s.executeQuery("SELECT pg_backend_pid()");
            rows.next();
            return new Gate(
                    c, rows.getInt(1), DriverManager.getConnection(schema.url().url()));
        }
    }

    /** Waits until every writer waits for this gate's lock. */
    void awaitBlocked(java.util.List<CfnProcess> writers) throws java.io.IOException {
        try {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> blocked() >= writers.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder state = new StringBuilder("writers never all blocked on the gate:");
            for (CfnProcess w : writers) {
                state.append("\n  ").append(w.describe());
            }
            throw new AssertionError(state.toString(), e);
        }
    }

    private int blocked() throws SQLException {
        try (var s = monitor.prepareStatement(
                // The first writer waits for the gate, the others for the first: count the whole queue.
                "WITH RECURSIVE queue (pid) AS (SELECT pid FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))"
                        + " UNION SELECT a.pid FROM pg_stat_activity a JOIN queue q ON q.pid = ANY (pg_blocking_pids(a.pid)))"
                        + " SELECT COUNT(*) FROM queue")) {
            s.setInt(1, pid);
            var rows = s.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
        monitor.close();
    }
}
