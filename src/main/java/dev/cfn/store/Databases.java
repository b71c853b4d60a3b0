package dev.cfn.store;

import dev.cfn.InvalidInputException;
import dev.cfn.config.Settings;
import java.nio.file.Path;

/**
 * Opens the database the settings name: the embedded SQLite file of the home folder by default,
 * PostgreSQL for a {@code jdbc:postgresql:} URL, another SQLite file for {@code jdbc:sqlite:FILE}.
 * The PostgreSQL classes (HikariCP, the driver) load only on that path.
 */
public final class Databases {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private Databases() {}

    /**
     * @throws InvalidInputException if the URL has another scheme
     * @throws dev.cfn.RetriableException if the database cannot be opened
     */
    public static Database open(Settings settings) {
        if (settings.dbUrl().isEmpty()) {
            return SqliteDatabase.open(settings.sqliteFile());
        }
        String url = settings.dbUrl().get();
        if (url.startsWith(PostgresUrl.PREFIX)) {
            return PostgresDatabase.open(url);
        }
        if (url.startsWith(SQLITE_PREFIX) && url.length() > SQLITE_PREFIX.length() && !url.contains("?")) {
            return SqliteDatabase.open(Path.of(url.substring(SQLITE_PREFIX.length())));
        }
        throw new InvalidInputException("--db " + PostgresUrl.redact(url)
                + " must be a jdbc:postgresql://host:port/database or jdbc:sqlite:FILE URL");
    }
}
