package dev.cfn.store;

import dev.cfn.metrics.Probes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection with its prepared statements cached by SQL text, so a hot query is compiled once
 * per connection. Parameters are always bound, never concatenated. Each statement's run time goes
 * to {@link Probes} ({@code database_query_duration_seconds}; nothing is measured when no probe is
 * installed). Not thread-safe: a {@code Sql} belongs to the thread that holds its connection.
 */
public final class Sql implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public Sql(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        bind(statement, params);
        long start = Probes.queryStart();
        try (ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        bind(statement, params);
        long start = Probes.queryStart();
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        return one(sql, row -> row.getLong(1), params).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
    public int update(String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        bind(statement, params);
        long start = Probes.queryStart();
        try {
            return statement.executeUpdate();
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    /**
     * Runs an INSERT into a table whose key column is {@code id} and returns the key of the new row,
     * through {@code RETURNING id} (SQLite 3.35+ and PostgreSQL): one statement, where the JDBC
     * generated-keys route costs sqlite-jdbc a second, freshly compiled query per INSERT.
     */
    public long insert(String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql + " RETURNING id");
        bind(statement, params);
        long start = Probes.queryStart();
        try (ResultSet keys = statement.executeQuery()) {
            if (!keys.next()) {
                throw new SQLException("no generated key for: " + sql);
            }
            return keys.getLong(1);
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    /** Adds one row to a batch of the same statement; run it with {@link #executeBatch}. */
    public void addBatch(String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        bind(statement, params);
        statement.addBatch();
    }

    public void executeBatch(String sql) throws SQLException {
        PreparedStatement statement = prepared(sql);
        long start = Probes.queryStart();
        try {
            statement.executeBatch();
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    /** Runs a statement that takes no parameters and returns nothing (DDL, PRAGMA). */
    public void execute(String sql) throws SQLException {
        long start = Probes.queryStart();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    /**
     * Runs a parameterless statement compiled once per connection ({@code BEGIN IMMEDIATE},
     * {@code COMMIT}): for statements run on every transaction, where {@link #execute} would
     * compile them each time.
     */
    public void executeCached(String sql) throws SQLException {
        PreparedStatement statement = prepared(sql);
        long start = Probes.queryStart();
        try {
            statement.execute();
        } finally {
            Probes.queryEnd(sql, start);
        }
    }

    /**
     * Reads a text column. On sqlite-jdbc it is fetched as UTF-8 bytes and decoded here, because
     * its {@code getString} builds a direct ByteBuffer through a JNI up-call for every value, which
     * costs several times more; other drivers use {@code getString}.
     */
    public static String text(ResultSet row, int column) throws SQLException {
        if (row instanceof org.sqlite.core.CoreResultSet) {
            byte[] utf8 = row.getBytes(column);
            return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
        }
        return row.getString(column);
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Boolean b) {
                statement.setInt(i + 1, b ? 1 : 0);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /**
     * Closes the cached statements; they are prepared again on next use. sqlite-jdbc leaves a
     * statement run by {@code executeUpdate} unreset, which SQLite counts as "in progress" and
     * which makes VACUUM fail.
     */
    public void closeStatements() throws SQLException {
        for (PreparedStatement s : statements.values()) {
            s.close();
        }
        statements.clear();
    }

    @Override
    public void close() throws SQLException {
        closeStatements();
        connection.close();
    }
}
