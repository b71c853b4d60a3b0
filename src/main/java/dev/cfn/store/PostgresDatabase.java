package dev.cfn.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.cfn.RetriableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * cfn's state in a PostgreSQL database, pooled with HikariCP. Reads run on a pooled connection in
 * autocommit; a write is one READ COMMITTED transaction (writers that read-then-write lock the rows
 * they read, e.g. {@code SELECT ... FOR UPDATE} on the skill), retried a few times on a
 * serialization failure or deadlock. With {@code currentSchema} in the URL the tables live in that
 * schema, created on first use. Opening fails within {@link #CONNECT_TIMEOUT} when the server is
 * unreachable. Thread-safe.
 */
public final class PostgresDatabase implements Database {
    /** How long opening a connection may take before the database counts as unavailable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** Attempts of a write that keeps hitting serialization failures or deadlocks. */
    static final int WRITE_ATTEMPTS = 4;

    private static final int DEFAULT_POOL_SIZE = 8;

    private final PostgresUrl url;
    private final HikariDataSource pool;
    private final PostgresErrors errors;

    private PostgresDatabase(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        this.errors = new PostgresErrors(url.redacted(), url.password());
    }

    /**
     * Connects, creates the URL's schema if it is missing, and migrates it to this build's version.
     *
     * @throws dev.cfn.InvalidInputException if the URL is malformed
     * @throws RetriableException if the server cannot be reached within {@link #CONNECT_TIMEOUT}
     */
    public static PostgresDatabase open(String jdbcUrl) {
        return open(PostgresUrl.parse(jdbcUrl), DEFAULT_POOL_SIZE);
    }

    /** As {@link #open(String)}, with at most {@code poolSize} connections. */
    public static PostgresDatabase open(PostgresUrl url, int poolSize) {
        PostgresDatabase db = new PostgresDatabase(url, createPool(url, poolSize));
        try {
            db.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static HikariDataSource createPool(PostgresUrl url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.url());
        config.setPoolName("cfn-postgresql");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(1); // one attempt at start-up: fail fast, not after retries
        // The URL's own values win over these defaults.
        // The driver's socket connect gets 2 s of the 3: HikariCP waits 1 s after a failed first attempt.
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds() - 1));
        config.addDataSourceProperty("ApplicationName", "cfn");
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch becomes multi-row INSERTs
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            SQLException cause =
                    e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), "08001", e);
            throw new PostgresErrors(url.redacted(), url.password()).translate(cause);
        }
    }

    private void migrate() {
        List<Migration> migrations = new Migrations(Dialect.POSTGRESQL).available();
        int latest = migrations.isEmpty() ? 0 : migrations.getLast().version();
        if (read(PostgresDatabase::versionIfPresent) >= latest) {
            return;
        }
        for (Migration migration : migrations) {
            write(sql -> {
                lockMigrations(sql);
                if (Migrations.currentVersion(sql) < migration.version()) {
                    Migrations.apply(sql, migration);
                }
                return null;
            });
        }
    }

    private static int versionIfPresent(Sql sql) throws SQLException {
        if (sql.count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_version'"
                        + " AND schemaname = current_schema()")
                == 0) {
            return 0;
        }
        return (int) sql.count("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    }

    /** Serialises migrations of one schema across processes; creates the schema first if needed. */
    private void lockMigrations(Sql sql) throws SQLException {
        String schema = url.schema().orElse("");
        sql.one("SELECT pg_advisory_xact_lock(hashtext(?))", r -> null, "cfn-migrate:" + schema);
        if (!schema.isEmpty()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS " + schema); // a checked identifier (PostgresUrl)
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Sql sql = new Sql(pool.getConnection())) {
            sql.connection().setReadOnly(true);
            return work.run(sql);
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (SQLException e) {
                if (!PostgresErrors.isTransient(e) || attempt >= WRITE_ATTEMPTS) {
                    throw errors.translate(e);
                }
                backOff(attempt);
            }
        }
    }

    private <T> T transaction(SqlWork<T> work) throws SQLException {
        try (Sql sql = new Sql(pool.getConnection())) {
            Connection connection = sql.connection();
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.run(sql);
                connection.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(connection);
                }
            }
        }
    }

    /** A few milliseconds, growing and jittered, so two retrying writers do not collide again. */
    private static void backOff(int attempt) {
        long maxMs = 5L << attempt;
        LockSupport.parkNanos(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, maxMs))
                .toNanos());
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the caller sees the first failure
        }
    }

    @Override
    public <T> T outsideTransaction(SqlWork<T> work) {
        try (Sql sql = new Sql(pool.getConnection())) {
            return work.run(sql);
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String describe() {
        return url.redacted();
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
