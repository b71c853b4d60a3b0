package dev.cfn.store;

import dev.cfn.CfnException;
import dev.cfn.RetriableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * The embedded database: one SQLite file in WAL mode with the seed's PRAGMAs, one writer
 * connection (writes are serialised in process by a lock and across processes by {@code BEGIN
 * IMMEDIATE} with a busy timeout, so no caller ever sees SQLITE_BUSY before that timeout) and a
 * small pool of reader connections that never block on the writer.
 */
public final class SqliteDatabase implements Database {
    /** How long a writer waits for another process's write transaction before giving up. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(15);

    private static final int MAX_READERS = 8;

    private final Path file;
    private final Sql writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReaderPool readers;

    private SqliteDatabase(Path file, Sql writer) {
        this.file = file;
        this.writer = writer;
        this.readers = new ReaderPool(MAX_READERS, () -> new Sql(connect(file, true)));
    }

    /**
     * Opens (creating if needed) the database file and migrates its schema to this build's version.
     *
     * @throws RetriableException if the file cannot be opened or stays locked past the busy timeout
     */
    public static SqliteDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new RetriableException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        SqliteDatabase db = new SqliteDatabase(file, new Sql(connect(file, false)));
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static SQLiteConnection connect(Path file, boolean reader) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setCacheSize(-64000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, "268435456");
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        // Else the driver runs a freshly compiled "SELECT last_insert_rowid()" after every INSERT;
        // Sql.insert reads keys with RETURNING instead.
        config.setGetGeneratedKeys(false);
        long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
        while (true) {
            try {
                SQLiteConnection connection = (SQLiteConnection) config.createConnection("jdbc:sqlite:" + file);
                if (reader) {
                    try (var statement = connection.createStatement()) {
                        statement.execute("PRAGMA query_only = true");
                    }
                }
                return connection;
            } catch (SQLException e) {
                // The connection's set-up PRAGMAs (journal_mode=WAL first of all) run before its busy
                // timeout applies: another process creating or migrating the same file makes them fail
                // at once with SQLITE_BUSY. Retried up to the same timeout every statement gets.
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw translate(file, e);
                }
                pause();
            }
        }
    }

    private static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for a locked database", interrupted);
        }
    }

    /**
     * Applies the migrations the file lacks, each in its own write transaction that checks the
     * version again first (another process may be migrating the same file). One transaction finds
     * out what is lacking, so an up-to-date file (the usual start) reads and parses no migration.
     */
    private void migrate() {
        int version = write(Migrations::currentVersion);
        for (Migration migration : new Migrations(Dialect.SQLITE).after(version)) {
            write(sql -> {
                if (Migrations.currentVersion(sql) < migration.version()) {
                    Migrations.apply(sql, migration);
                }
                return null;
            });
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        Sql sql = readers.acquire();
        try {
            return work.run(sql);
        } catch (SQLException e) {
            throw translate(file, e);
        } finally {
            readers.release(sql);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            writer.executeCached("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(writer);
                writer.executeCached("COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw translate(file, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public <T> T outsideTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            writer.closeStatements(); // VACUUM refuses to run beside an unreset statement
            return work.run(writer);
        } catch (SQLException e) {
            throw translate(file, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            writer.executeCached("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction left to end; the original failure is what the caller needs to see
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    public Path file() {
        return file;
    }

    /** Translates a driver failure in the one place this adapter does it. */
    static CfnException translate(Path file, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (isBusy(e)) {
            return new RetriableException(
                    "database " + file + " stayed locked by another process for more than " + BUSY_TIMEOUT.toSeconds()
                            + " s",
                    e);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || code == SQLiteErrorCode.SQLITE_NOTADB.code
                || code == SQLiteErrorCode.SQLITE_CORRUPT.code
                || code == SQLiteErrorCode.SQLITE_READONLY.code
                || code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return new RetriableException("database " + file + " is unusable: " + firstLine(e.getMessage()), e);
        }
        return new CfnException("database " + file + ": " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            readers.close();
            writer.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        } finally {
            writeLock.unlock();
        }
    }
}
