package dev.cfn.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Embedded reader connections, opened on first demand and kept: at most {@code max} exist, a
 * caller beyond that waits for one to be released. (For SQLite a connection is a file handle, not
 * a socket; HikariCP is used where connections are remote.)
 */
final class ReaderPool implements AutoCloseable {
    private final BlockingQueue<Sql> idle;
    private final Semaphore permits;
    private final Supplier<Sql> opener;
    private final List<Sql> all = new ArrayList<>();

    ReaderPool(int max, Supplier<Sql> opener) {
        this.idle = new ArrayBlockingQueue<>(max);
        this.permits = new Semaphore(max);
        this.opener = opener;
    }

    Sql acquire() {
        permits.acquireUninterruptibly();
        Sql sql = idle.poll();
        if (sql != null) {
            return sql;
        }
        try {
            sql = opener.get();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        synchronized (all) {
            all.add(sql);
        }
        return sql;
    }

    void release(Sql sql) {
        idle.offer(sql);
        permits.release();
    }

    @Override
    public void close() throws SQLException {
        synchronized (all) {
            for (Sql sql : all) {
                sql.close();
            }
            all.clear();
        }
    }
}
