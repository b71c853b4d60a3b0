package dev.cfn.loop;

import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A real {@link LoopExecutor} built as {@code cfn loop run} builds it: the agents of a folder, the
 * spawner (real child processes), a real SQLite file, the skill loader, the dual usage log and the
 * in-process coordinator.
 */
final class LoopHarness implements AutoCloseable {
    final SqliteDatabase db;
    final SkillRegistry registry;
    final RunStore store;
    final Path logDir;
    private final UsageLog usage;
    private final AgentSpawner spawner;
    final LoopExecutor executor;
    /** Every event the executor told, in order. */
    final List<LoopEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    LoopHarness(Path home, Path agentsDir) {
        this(home, agentsDir, System.getenv());
    }

    /** @param env cfn's environment, as the runtimes read it (e.g. an API key for anthropic agents) */
    LoopHarness(Path home, Path agentsDir, Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        this.db = SqliteDatabase.open(home.resolve("cfn.db"));
        this.registry = new SkillRegistry(db, clock);
        this.store = new RunStore(db);
        this.logDir = home.resolve("logs");
        this.usage = UsageLog.open(db, clock, logDir);
        this.spawner = AgentSpawner.create(SpawnerSettings.defaults().withEnv(env));
        AgentBatch batch = new AgentBatch(
                new AgentTeam(AgentCatalog.load(agentsDir).agents()),
                spawner::run,
                new SkillLoader(db, registry, 100)::load,
                usage,
                store,
                new RunSignals(new LocalCoordinator(clock), LoopListener.NONE),
                clock,
                logDir,
                Map.of());
        LoopListener told = events::add;
        this.executor = new LoopExecutor(store, batch, clock, told)
                .reflection(new Reflection(store, batch.team(), spawner::run, clock, told, logDir, Map.of()));
    }

    /** MVP thresholds (gate 0.70, consensus 0.80), quorum 0.66. */
    static LoopSettings settings(
            String task,
            int maxIterations,
            List<String> loop3,
            List<String> loop2,
            String owner,
            List<String> files,
            Path workdir) {
        return new LoopSettings(
                task, "mvp", 0.70, 0.80, maxIterations, 0.66, loop3, loop2, owner, files, workdir.toString(), 8);
    }

    long count(String sql, Object... args) {
        return db.read(s -> s.count(sql, args));
    }

    @Override
    public void close() {
        spawner.close();
        usage.close();
        db.close();
    }
}
