package dev.cfn.skills.bench;

import dev.cfn.cache.LocalQueryCache;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.analytics.SkillAnalytics;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away cfn home for one benchmark run: a fresh SQLite registry filled by {@link
 * BenchData}, wired as the CLI wires it (registry, loader with the heap-sized cache, analytics
 * with and without the query cache, dual usage log). Closing it deletes the folder.
 */
public final class BenchFixture implements AutoCloseable {
    private final Path home;
    private final SqliteDatabase db;
    private final Clock clock = Clock.systemUTC();
    private final SkillRegistry registry;
    private final SkillLoader loader;
    private final SkillAnalytics analytics;
    private final SkillAnalytics uncachedAnalytics;
    private final UsageLog usageLog;

    private BenchFixture(Path home, SqliteDatabase db) {
        this.home = home;
        this.db = db;
        this.registry = new SkillRegistry(db, clock);
        this.loader = new SkillLoader(db, registry, 0);
        this.analytics = new SkillAnalytics(db, new LocalQueryCache(10_000), clock);
        this.uncachedAnalytics = new SkillAnalytics(db, new MissingQueryCache(), clock);
        this.usageLog = UsageLog.open(db, clock, home.resolve("logs"));
    }

    /** Creates a temporary home and fills its registry with {@code shape}'s data. */
    public static BenchFixture create(DataShape shape) {
        Path home;
        try {
            home = Files.createTempDirectory("cfn-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
        }
        SqliteDatabase db = SqliteDatabase.open(home.resolve("cfn.db"));
        try {
            new BenchData(shape, System.currentTimeMillis(), 42).populate(db);
            return new BenchFixture(home, db);
        } catch (RuntimeException e) {
            db.close();
            deleteTree(home);
            throw e;
        }
    }

    public Path home() {
        return home;
    }

    public SqliteDatabase db() {
        return db;
    }

    public SkillRegistry registry() {
        return registry;
    }

    public SkillLoader loader() {
        return loader;
    }

    public SkillAnalytics analytics() {
        return analytics;
    }

    public SkillAnalytics uncachedAnalytics() {
        return uncachedAnalytics;
    }

    public UsageLog usageLog() {
        return usageLog;
    }

    @Override
    public void close() {
        usageLog.close();
        db.close();
        deleteTree(home);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
