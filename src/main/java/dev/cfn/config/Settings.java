package dev.cfn.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where cfn keeps its state and which services it uses, resolved from flags, environment
 * ({@code CFN_*}) and {@code <home>/config}, in that order of precedence.
 *
 * @param home the state folder ({@code .cfn} of the current directory by default)
 * @param dbUrl a JDBC URL of an external database; empty for the embedded SQLite file
 * @param redisUrl a Redis URL; empty for in-process coordination
 * @param cacheEntries skill-load cache capacity; 0 means sized from the heap
 */
public record Settings(Path home, Optional<String> dbUrl, Optional<String> redisUrl, int cacheEntries) {
    public Settings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries must be >= 0, but was " + cacheEntries);
        }
    }

    public static Settings embedded(Path home) {
        return new Settings(home, Optional.empty(), Optional.empty(), 0);
    }

    /** The embedded SQLite database file. */
    public Path sqliteFile() {
        return home.resolve("cfn.db");
    }

    public Path logDir() {
        return home.resolve("logs");
    }
}
