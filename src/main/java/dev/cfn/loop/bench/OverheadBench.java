package dev.cfn.loop.bench;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.bench.Samples;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.loop.AgentBatch;
import dev.cfn.loop.AgentTeam;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.LoopSettings;
import dev.cfn.loop.RunReport;
import dev.cfn.loop.RunSignals;
import dev.cfn.loop.RunStore;
import dev.cfn.protocol.Phase;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loop's own cost per iteration: one-iteration loops of 3 instant implementers and 2 instant
 * validators through the real executor (SQLite file, usage log, coordinator, spawner), against
 * the same 5 agents spawned bare in the same two phases (each phase's agents at once on virtual
 * threads, as the loop's {@link AgentBatch} runs them), interleaved so both see the same machine.
 * Overhead = loop p50 - bare p50.
 */
final class OverheadBench {
    static final double TARGET_MS = 20.0;
    private static final int IMPLEMENTERS = 3;
    private static final int VALIDATORS = 2;

    private OverheadBench() {}

    static Map<String, Object> run(Path dir, int samples) throws IOException {
        Path agentsDir = BenchAgents.write(dir.resolve("agents"));
        Path work = java.nio.file.Files.createDirectories(dir.resolve("work"));
        Path logs = dir.resolve("logs");
        Clock clock = Clock.systemUTC();
        AgentCatalog catalog = AgentCatalog.load(agentsDir);
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"));
                UsageLog usage = UsageLog.open(db, clock, logs);
                AgentSpawner spawner = AgentSpawner.create(SpawnerSettings.defaults())) {
            SkillRegistry registry = new SkillRegistry(db, clock);
            RunStore store = new RunStore(db);
            AgentBatch batch = new AgentBatch(
                    new AgentTeam(catalog.agents()),
                    spawner::run,
                    new SkillLoader(db, registry, 1000)::load,
                    usage,
                    store,
                    new RunSignals(new LocalCoordinator(clock), LoopListener.NONE),
                    clock,
                    logs,
                    Map.of());
            LoopExecutor executor = new LoopExecutor(store, batch, clock, LoopListener.NONE);
            LoopSettings settings = new LoopSettings(
                    "benchmark",
                    "mvp",
                    0.7,
                    0.8,
                    1,
                    0.66,
                    Collections.nCopies(IMPLEMENTERS, BenchAgents.IMPLEMENTER),
                    Collections.nCopies(VALIDATORS, BenchAgents.VALIDATOR),
                    null,
                    List.of(),
                    work.toString(),
                    16);
            Bare bare = new Bare(spawner, catalog, work, logs);
            Samples loop = new Samples(samples);
            Samples agents = new Samples(samples);
            int warmup = Math.max(5, samples / 5);
            for (int i = -warmup; i < samples; i++) {
                boolean loopFirst = (i & 1) == 0;
                long a = loopFirst ? timeLoop(executor, settings) : bare.time(i);
                long b = loopFirst ? bare.time(i) : timeLoop(executor, settings);
                if (i >= 0) {
                    loop.add(loopFirst ? a : b);
                    agents.add(loopFirst ? b : a);
                }
            }
            return figures(samples, loop, agents);
        }
    }

    private static long timeLoop(LoopExecutor executor, LoopSettings settings) {
        long t0 = System.nanoTime();
        RunReport report = executor.start(settings);
        long t1 = System.nanoTime();
        if (!report.proceeded()) {
            throw new IllegalStateException("the benchmark loop did not proceed: " + report.exitReason());
        }
        return t1 - t0;
    }

    private static Map<String, Object> figures(int samples, Samples loop, Samples agents) {
        double loopP50 = loop.percentileMillis(50);
        double agentsP50 = agents.percentileMillis(50);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("agents_per_iteration", IMPLEMENTERS + VALIDATORS);
        m.put("iteration_wall_p50_ms", round(loopP50));
        m.put("iteration_wall_p90_ms", round(loop.percentileMillis(90)));
        m.put("bare_agents_p50_ms", round(agentsP50));
        m.put("overhead_p50_ms", round(loopP50 - agentsP50));
        m.put("overhead_target_ms", TARGET_MS);
        return m;
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    /** The same agents in the same two phases, spawned without the loop. */
    private record Bare(AgentSpawner spawner, AgentCatalog catalog, Path work, Path logs) {
        long time(int sample) {
            List<AgentInvocation> impl = invocations(BenchAgents.IMPLEMENTER, IMPLEMENTERS, Phase.LOOP3, sample);
            List<AgentInvocation> val = invocations(BenchAgents.VALIDATOR, VALIDATORS, Phase.LOOP2, sample);
            long t0 = System.nanoTime();
            List<AgentResult> results = new ArrayList<>(atOnce(impl));
            results.addAll(atOnce(val));
            long t1 = System.nanoTime();
            for (AgentResult r : results) {
                if (r.confidence() != 1.0) {
                    throw new IllegalStateException("a bare agent did not answer: " + r.confidenceReason());
                }
            }
            return t1 - t0;
        }

        /** One phase's agents at once, each on a virtual thread of its own; their results in order. */
        private List<AgentResult> atOnce(List<AgentInvocation> phase) {
            List<Future<AgentResult>> running = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (AgentInvocation invocation : phase) {
                    running.add(threads.submit(() -> spawner.run(invocation)));
                }
            } // waits for every agent
            List<AgentResult> results = new ArrayList<>();
            for (Future<AgentResult> agent : running) {
                if (agent.state() != Future.State.SUCCESS) {
                    throw new IllegalStateException("a bare agent could not run", agent.exceptionNow());
                }
                results.add(agent.resultNow());
            }
            return results;
        }

        private List<AgentInvocation> invocations(String name, int n, Phase loop, int sample) {
            AgentDefinition d = catalog.require(name);
            List<AgentInvocation> out = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                Map<String, Object> input = Map.of("task", "benchmark", "iteration", 1, "loop", loop.label());
                out.add(new AgentInvocation(
                        d,
                        "bare-" + (sample & 63),
                        name + "-1-" + k,
                        1,
                        loop,
                        "mvp",
                        work,
                        input,
                        Map.of(),
                        Duration.ofSeconds(30),
                        logs));
            }
            return out;
        }
    }
}
