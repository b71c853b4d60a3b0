package dev.cfn.cli;

import dev.cfn.InvalidInputException;
import dev.cfn.cache.LocalQueryCache;
import dev.cfn.cache.QueryCache;
import dev.cfn.config.Settings;
import dev.cfn.config.SettingsLoader;
import dev.cfn.skills.SkillAnalytics;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.Database;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.SqliteNativeLibrary;
import dev.cfn.store.UsageLog;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * The resources of one {@code cfn} invocation, each created on first use (a command that needs no
 * database opens none) and closed at exit.
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

    CliContext(Map<String, String> env, String homeFlag, String dbFlag, String redisFlag, boolean json) {
        this.env = env;
        this.homeFlag = homeFlag;
        this.dbFlag = dbFlag;
        this.redisFlag = redisFlag;
        this.output = new Output(json, new PrintStream(System.out, false), System.err);
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

    public Settings settings() {
        if (settings == null) {
            settings = new SettingsLoader(env).load(homeFlag, dbFlag, redisFlag);
        }
        return settings;
    }

    public Database database() {
        if (database == null) {
            Settings s = settings();
            if (s.dbUrl().isPresent()) {
                throw new InvalidInputException("--db " + s.dbUrl().get().replaceAll("//[^@/]*@", "//***@")
                        + ": only the embedded SQLite database is supported by this build");
            }
            SqliteNativeLibrary.install(SqliteNativeLibrary.roots(env, s.home()));
            database = SqliteDatabase.open(s.sqliteFile());
        }
        return database;
    }

    public SkillRegistry registry() {
        if (registry == null) {
            registry = new SkillRegistry(database(), clock);
        }
        return registry;
    }

    public SkillLoader loader() {
        if (loader == null) {
            loader = new SkillLoader(database(), registry(), settings().cacheEntries());
        }
        return loader;
    }

    public QueryCache queryCache() {
        if (queryCache == null) {
            queryCache = new LocalQueryCache(10_000);
        }
        return queryCache;
    }

    public SkillAnalytics analytics() {
        if (analytics == null) {
            analytics = new SkillAnalytics(database(), queryCache(), clock);
        }
        return analytics;
    }

    public UsageLog usageLog() {
        if (usageLog == null) {
            usageLog = UsageLog.open(database(), clock, settings().logDir());
        }
        return usageLog;
    }

    @Override
    public void close() {
        output.flush();
        if (usageLog != null) {
            usageLog.close();
        }
        if (queryCache != null) {
            queryCache.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
