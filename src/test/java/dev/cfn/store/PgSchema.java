package dev.cfn.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh schema with a random name in the test PostgreSQL database (127.0.0.1:5432, database
 * {@code test}; override with the system property {@code cfn.test.pg}), dropped on close. Tests
 * touch nothing outside their own schemas.
 */
public final class PgSchema implements AutoCloseable {
    public static final String BASE_URL =
            System.getProperty("cfn.test.pg", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String name;
    private final PostgresUrl url;

    private PgSchema(String name) {
        this.name = name;
        this.url = PostgresUrl.parse(BASE_URL).withSchema(name);
    }

    /** A new schema name ({@code prefix_<random>}); the schema itself is created on first open. */
    public static PgSchema create(String prefix) {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return new PgSchema(prefix + "_" + HexFormat.of().formatHex(random));
    }

    public String name() {
        return name;
    }

    public PostgresUrl url() {
        return url;
    }

    /** Opens the database in this schema (creating and migrating it on first use). */
    public PostgresDatabase open() {
        return PostgresDatabase.open(url, 4);
    }

    /** Runs one statement on a plain connection (outside cfn's code). */
    public void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.url());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.url());
                Statement s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
