package dev.cfn.config;

import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves {@link Settings}: a flag wins over the environment, which wins over {@code
 * <home>/config} (a properties file: {@code db.url}, {@code redis.url}, {@code cache.entries}),
 * which wins over the defaults.
 */
public final class SettingsLoader {
    private final Map<String, String> env;

    public SettingsLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * @param homeFlag {@code --home}, or null
     * @param dbFlag {@code --db}, or null
     * @param redisFlag {@code --redis}, or null
     * @throws InvalidInputException if the config file or a value in it is malformed
     */
    public Settings load(String homeFlag, String dbFlag, String redisFlag) {
        Path home = Path.of(first(homeFlag, env.get("CFN_HOME"), ".cfn"));
        Properties file = readConfig(home.resolve("config"));
        String db = first(dbFlag, env.get("CFN_DB_URL"), file.getProperty("db.url"));
        String redis = first(redisFlag, env.get("CFN_REDIS_URL"), file.getProperty("redis.url"));
        String entries = first(env.get("CFN_CACHE_ENTRIES"), file.getProperty("cache.entries"), "0");
        return new Settings(home, blankToEmpty(db), blankToEmpty(redis), parseEntries(entries));
    }

    private static Properties readConfig(Path file) {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": cannot read config: " + e.getMessage());
        }
    }

    private static int parseEntries(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("cache.entries must be a whole number >= 0, but was '" + value + "'");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
