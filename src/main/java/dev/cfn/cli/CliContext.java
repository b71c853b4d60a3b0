package dev.cfn.cli;

import dev.cfn.agents.PriceTable;
import dev.cfn.cache.LocalQueryCache;
import dev.cfn.cache.QueryCache;
import dev.cfn.cache.RedisQueryCache;
import dev.cfn.config.Settings;
import dev.cfn.config.SettingsLoader;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.analytics.SkillAnalytics;
import dev.cfn.store.Database;
import dev.cfn.store.Databases;
import dev.cfn.store.SqliteNativeLibrary;
import dev.cfn.store.UsageLog;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The resources of one {@code cfn} invocation, each created on first use (a command that needs no
 * database opens none) and closed at exit. Thread-safe: {@code cfn serve}'s request threads reach
 * it too. Each part is created once, under this context's lock, which a one-shot command takes
 * uncontended; a creation that fails (Redis down) leaves the part unset, so the next call tries
 * again.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> env;
    private final String homeFlag;
    private final String dbFlag;
    private final String redisFlag;
    private final Output output;
    private final Clock clock = Clock.systemUTC();

    private Settings settings;
    private Database database;
    private SkillRegistry registry;
    private SkillLoader loader;
    private QueryCache queryCache;
    private SkillAnalytics analytics;
    private UsageLog usageLog;
    private Coordinator coordinator;
    private StopSignal stopSignal;
    private Map<String, String> agentEnv;
    private PriceTable prices;

    CliContext(Map<String, String> env, String homeFlag, String dbFlag, String redisFlag, boolean json) {
        this.env = env;
        this.homeFlag = homeFlag;
        this.dbFlag = dbFlag;
        this.redisFlag = redisFlag;
        // UTF-8 whatever the locale: JSON is UTF-8, and content is printed as stored.
        this.output = new Output(json, new PrintStream(System.out, false, StandardCharsets.UTF_8), System.err);
    }

    public Output output() {
        return output;
    }

    public Clock clock() {
        return clock;
    }

    public Map<String, String> env() {
        return env;
    }

    /**
     * cfn's environment as agent runtimes read it: {@link #env()} plus the agent settings of {@code
     * <home>/config} as their variables ({@link SettingsLoader#agentEnv}).
     */
    public synchronized Map<String, String> agentEnv() {
        if (agentEnv == null) {
            agentEnv = new SettingsLoader(env).agentEnv(settings());
        }
        return agentEnv;
    }

    public synchronized Settings settings() {
        if (settings == null) {
            settings = new SettingsLoader(env).load(homeFlag, dbFlag, redisFlag);
        }
        return settings;
    }

    /**
     * What models cost: the built-in prices with {@code <home>/config}'s {@code price.*} on top;
     * an unpriced model is warned about once on stderr.
     *
     * @throws dev.cfn.InvalidInputException naming the config file and key of a malformed price
     */
    public synchronized PriceTable prices() {
        if (prices == null) {
            prices = PriceTable.of(
                    new SettingsLoader(env).prices(settings()),
                    settings().home().resolve("config").toString(),
                    output::warn);
        }
        return prices;
    }

    public synchronized Database database() {
        if (database == null) {
            Settings s = settings();
            if (s.dbUrl().isEmpty() || s.dbUrl().get().startsWith("jdbc:sqlite:")) {
                SqliteNativeLibrary.install(SqliteNativeLibrary.roots(env, s.home()));
            }
            database = Databases.open(s);
        }
        return database;
    }

    public synchronized SkillRegistry registry() {
        if (registry == null) {
            registry = new SkillRegistry(database(), clock);
        }
        return registry;
    }

    public synchronized SkillLoader loader() {
        if (loader == null) {
            loader = new SkillLoader(database(), registry(), settings().cacheEntries());
        }
        return loader;
    }

    public synchronized QueryCache queryCache() {
        if (queryCache == null) {
            queryCache = settings().redisUrl().isPresent()
                    ? RedisQueryCache.create(settings().redisUrl().get(), databaseScope())
                    : new LocalQueryCache(10_000);
        }
        return queryCache;
    }

    /** Which database cached results belong to, so databases sharing one Redis never share entries. */
    private String databaseScope() {
        Settings s = settings();
        return s.dbUrl()
                .orElseGet(
                        () -> hostName() + ":" + s.sqliteFile().toAbsolutePath().normalize());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    public synchronized SkillAnalytics analytics() {
        if (analytics == null) {
            analytics = new SkillAnalytics(database(), queryCache(), clock);
        }
        return analytics;
    }

    /** In process by default; on Redis with {@code --redis} / {@code CFN_REDIS_URL}. */
    public synchronized Coordinator coordinator() {
        if (coordinator == null) {
            // Lettuce logs every reconnect attempt at INFO; a CLI's stderr is for errors and warnings.
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.lettuce", "warn");
            coordinator = settings().redisUrl().isPresent()
                    ? RedisCoordinator.create(settings().redisUrl().get())
                    : new LocalCoordinator(clock);
        }
        return coordinator;
    }

    /** For a long-running command: SIGTERM / Ctrl-C become a request to stop cleanly. */
    public synchronized StopSignal stopSignal() {
        if (stopSignal == null) {
            stopSignal = new StopSignal();
        }
        return stopSignal;
    }

    public synchronized UsageLog usageLog() {
        if (usageLog == null) {
            usageLog = UsageLog.open(database(), clock, settings().logDir());
        }
        return usageLog;
    }

    @Override
    public synchronized void close() {
        output.flush();
        if (usageLog != null) {
            usageLog.close();
        }
        if (queryCache != null) {
            queryCache.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
