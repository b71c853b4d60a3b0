package dev.cfn.config;

import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Resolves {@link Settings}: a flag wins over the environment, which wins over {@code
 * <home>/config} (a properties file: {@code db.url}, {@code redis.url}, {@code cache.entries}),
 * which wins over the defaults. The server's {@link ApiSettings} come from the config file only
 * ({@code api.hosts}, {@code api.origins}, {@code api.roots}: comma-separated; {@code
 * api.metrics_token}: true or false). The agents' settings ({@code claude.bin}, {@code
 * claude.nonessential_traffic}, {@code logs.cap}: the bytes of an agent's stdout and stderr kept at
 * each end, such as {@code 8m}) reach the agent runtimes as the {@code CFN_*} variables they stand
 * for ({@link #agentEnv}). Model prices ({@code price.<model>}) are read by {@link #prices}.
 */
public final class SettingsLoader {
    private static final Pattern HOST =
            Pattern.compile("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGIN = Pattern.compile(
            "https?://(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+])(?::[0-9]{1,5})?", Pattern.CASE_INSENSITIVE);

    private static final String PRICE = "price.";
    private static final String PROVIDER = "provider.";

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

    /**
     * The model prices {@code <home>/config} sets: each {@code price.<model>} key's model and its
     * value as written (checked by the agents' price table, which names this file in its errors).
     *
     * @throws InvalidInputException if the config file cannot be read
     */
    public Map<String, String> prices(Settings settings) {
        Properties config = readConfig(settings.home().resolve("config"));
        Map<String, String> prices = new java.util.TreeMap<>();
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith(PRICE) && key.length() > PRICE.length()) {
                prices.put(key.substring(PRICE.length()), config.getProperty(key));
            }
        }
        return prices;
    }

    /**
     * Whether {@code <home>/config} enables definitions' hooks in loop runs ({@code loop.hooks}: true
     * or false; absent: false).
     *
     * @throws InvalidInputException naming the file when the value is neither
     */
    public boolean loopHooks(Settings settings) {
        Path file = settings.home().resolve("config");
        String value = readConfig(file).getProperty("loop.hooks");
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new InvalidInputException(file + ": loop.hooks must be true or false, but was '" + value + "'");
        };
    }

    /**
     * The server's access settings from {@code <home>/config} of {@code settings}; relative roots
     * are resolved against {@code currentDir}, which is also the only root when none is listed.
     *
     * @throws InvalidInputException naming the key and the value at fault
     */
    public ApiSettings api(Settings settings, Path currentDir) {
        Path file = settings.home().resolve("config");
        Properties config = readConfig(file);
        List<String> hosts = new ArrayList<>();
        for (String host : list(config, "api.hosts")) {
            hosts.add(checked(file, "api.hosts", host, HOST, "host names such as cfn.example.com"));
        }
        List<String> origins = new ArrayList<>();
        for (String origin : list(config, "api.origins")) {
            String bare = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
            origins.add(checked(file, "api.origins", bare, ORIGIN, "origins such as https://ops.example.com:8443"));
        }
        Path here = currentDir.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        if (config.getProperty("api.roots") == null) {
            roots.add(here);
        }
        for (String root : list(config, "api.roots")) {
            try {
                roots.add(here.resolve(root).normalize());
            } catch (InvalidPathException e) {
                throw new InvalidInputException(file + ": api.roots must be folders, but has '" + root + "'");
            }
        }
        String metrics = config.getProperty("api.metrics_token", "false").strip();
        if (!metrics.equals("true") && !metrics.equals("false")) {
            throw new InvalidInputException(
                    file + ": api.metrics_token must be true or false, but was '" + metrics + "'");
        }
        return new ApiSettings(hosts, origins, roots, Boolean.parseBoolean(metrics));
    }

    /**
     * cfn's environment as the agent runtimes read it: {@code env} plus, for each agent setting of
     * {@code <home>/config} whose variable {@code env} lacks, that variable: {@code claude.bin} as
     * {@code CFN_CLAUDE_BIN} (the Claude Code executable), {@code claude.nonessential_traffic} (true
     * or false) as {@code CFN_CLAUDE_NONESSENTIAL_TRAFFIC} (true lets Claude Code's telemetry and
     * update checks through; cfn turns them off by default), {@code container.engine} as {@code
     * CFN_CONTAINER_ENGINE} and {@code container.image} as {@code CFN_CONTAINER_IMAGE} (agents with
     * {@code sandbox: container}), and every {@code provider.<name>.<key>} entry under its own name
     * (the API runtimes' providers: kind, base_url, api_key_env, max_concurrency, model; a name no
     * shell variable can have). The variable wins over the file.
     *
     * @throws InvalidInputException naming the key and the value at fault
     */
    public Map<String, String> agentEnv(Settings settings) {
        Path file = settings.home().resolve("config");
        Properties config = readConfig(file);
        Map<String, String> out = new java.util.HashMap<>(env);
        String bin = config.getProperty("claude.bin");
        if (bin != null && !bin.isBlank() && !env.containsKey("CFN_CLAUDE_BIN")) {
            out.put("CFN_CLAUDE_BIN", bin.strip());
        }
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith(PROVIDER) && !env.containsKey(key)) {
                out.put(key, config.getProperty(key).strip()); // read by the API runtimes (agents.llm.Provider)
            }
        }
        String traffic = config.getProperty("claude.nonessential_traffic");
        if (traffic != null) {
            String t = traffic.strip();
            if (!t.equals("true") && !t.equals("false")) {
                throw new InvalidInputException(
                        file + ": claude.nonessential_traffic must be true or false, but was '" + t + "'");
            }
            out.putIfAbsent("CFN_CLAUDE_NONESSENTIAL_TRAFFIC", t);
        }
        // sandbox: container: the engine (podman, docker, or a path) and the default image
        putIfSet(config, "container.engine", "CFN_CONTAINER_ENGINE", out);
        putIfSet(config, "container.image", "CFN_CONTAINER_IMAGE", out);
        String cap = config.getProperty("logs.cap");
        if (cap != null && !env.containsKey("CFN_LOG_CAP")) {
            ByteSize.parse(file + ": logs.cap", cap);
            out.put("CFN_LOG_CAP", cap.strip());
        }
        return Map.copyOf(out);
    }

    private static void putIfSet(Properties config, String key, String variable, Map<String, String> out) {
        String value = config.getProperty(key);
        if (value != null && !value.isBlank()) {
            out.putIfAbsent(variable, value.strip());
        }
    }

    private static List<String> list(Properties config, String key) {
        String value = config.getProperty(key);
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static String checked(Path file, String key, String value, Pattern rule, String what) {
        if (!rule.matcher(value).matches()) {
            throw new InvalidInputException(file + ": " + key + " must be " + what + ", but has '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
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
