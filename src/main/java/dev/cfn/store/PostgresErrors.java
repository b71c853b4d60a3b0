package dev.cfn.store;

import dev.cfn.CfnException;
import dev.cfn.ConflictException;
import dev.cfn.RetriableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.postgresql.util.PSQLException;

/**
 * The one place PostgreSQL and HikariCP failures become cfn's exceptions (SQLSTATE classes: 08
 * connection, 28 authorization, 3D unknown database, 57P0x shutdown: unavailable; 23505 unique
 * violation: conflict; 40001 serialization failure, 40P01 deadlock: retried by the caller, then
 * retriable; 53 resources, 57014 time-out, 55P03 lock not available: retriable). Messages never
 * carry the password, even where the driver echoes it.
 */
final class PostgresErrors {
    private final String where;
    private final String secret;

    /**
     * @param where the database as it may be printed
     * @param secret the password, removed from every message; null or empty when there is none
     */
    PostgresErrors(String where, String secret) {
        this.where = where;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    /** A transaction that failed this way can simply run again. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    CfnException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String prefix = "database " + where;
        if (e instanceof SQLTransientConnectionException || unreachable(state)) {
            return new RetriableException(scrub(prefix + " is unavailable: " + rootMessage(e)), e);
        }
        if (state.equals("23505")) {
            return new ConflictException(scrub(prefix + ": duplicate: " + detail(e)));
        }
        if (isTransient(e)) {
            return new RetriableException(
                    scrub(prefix + ": concurrent transactions kept conflicting; try again: " + firstLine(e)), e);
        }
        if (state.startsWith("53") || state.equals("57014") || state.equals("55P03")) {
            return new RetriableException(scrub(prefix + " is overloaded: " + firstLine(e)), e);
        }
        return new CfnException(scrub(prefix + ": " + firstLine(e)), e);
    }

    private String scrub(String message) {
        return secret == null ? message : message.replace(secret, "***");
    }

    private static boolean unreachable(String state) {
        return state.startsWith("08")
                || state.startsWith("28")
                || state.equals("3D000")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03");
    }

    private static String detail(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            var server = p.getServerErrorMessage();
            String detail = server.getDetail();
            return server.getMessage() + (detail == null ? "" : " (" + detail + ")");
        }
        return firstLine(e);
    }

    /**
     * The first sentence of the innermost SQL failure (the pool's time-out wraps the driver's),
     * with the network error behind a generic "connection attempt failed".
     */
    private static String rootMessage(SQLException e) {
        SQLException deepest = e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                deepest = s;
            }
        }
        String text = firstLine(deepest);
        int sentence = text.indexOf(". ");
        text = sentence < 0 ? text : text.substring(0, sentence + 1);
        if (deepest.getCause() instanceof IOException io && !text.contains("refused")) {
            text = text + " (" + io.getClass().getSimpleName() + ": " + firstLine(io) + ")";
        }
        return text;
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
