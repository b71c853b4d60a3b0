package dev.cfn.cli.loop;

import dev.cfn.agents.AgentCatalog;
import dev.cfn.agents.AgentSpawner;
import dev.cfn.agents.SpawnerSettings;
import dev.cfn.cli.CliContext;
import dev.cfn.cli.Output;
import dev.cfn.cli.worker.Distribution;
import dev.cfn.loop.AgentBatch;
import dev.cfn.loop.AgentTeam;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.RunSignals;
import dev.cfn.loop.RunStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link LoopExecutor} from this invocation's resources: catalog, spawner, skills, store. */
final class LoopRuns implements AutoCloseable {
    private final AgentSpawner spawner;
    private final LoopExecutor executor;
    private final AgentCatalog catalog;
    private final AutoCloseable queue;

    LoopRuns(CliContext ctx, Path agentsDir, int parallel, boolean progress) {
        this(ctx, agentsDir, parallel, progress, null);
    }

    /** @param distribution null to run agents here, else how to hand them to {@code cfn worker}s */
    LoopRuns(CliContext ctx, Path agentsDir, int parallel, boolean progress, Distribution distribution) {
        this.catalog = AgentCatalog.load(agentsDir);
        catalog.warnings().forEach(w -> ctx.output().warn(w.toString()));
        Map<String, String> env = new HashMap<>();
        ctx.settings().redisUrl().ifPresent(url -> env.put("CFN_REDIS_URL", url));
        this.spawner = AgentSpawner.create(
                SpawnerSettings.defaults().withMaxParallel(parallel).withEnv(ctx.env()));
        Distribution.Opened remote = distribution == null ? null : distribution.open(ctx);
        this.queue = remote == null ? null : remote.queue();
        LoopListener listener = progress ? new ProgressListener(ctx.output()) : LoopListener.NONE;
        RunStore store = new RunStore(ctx.database());
        AgentBatch batch = new AgentBatch(
                new AgentTeam(catalog.agents()),
                remote == null ? spawner::run : remote.runtime(),
                ctx.loader()::load,
                ctx.usageLog(),
                store,
                new RunSignals(ctx.coordinator(), listener),
                ctx.clock(),
                ctx.settings().logDir(),
                env);
        this.executor = new LoopExecutor(store, batch, ctx.clock(), listener);
    }

    java.util.Collection<dev.cfn.agents.AgentDefinition> definitions() {
        return catalog.definitions();
    }

    LoopExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        spawner.close();
        if (queue != null) {
            try {
                queue.close();
            } catch (Exception e) {
                // closing a Redis client cannot fail in a way worth reporting
            }
        }
    }

    /** One line per event on stderr, so stdout keeps only the result. */
    private record ProgressListener(Output out) implements LoopListener {
        @Override
        public void on(String event, Map<String, Object> data) {
            switch (event) {
                case "run-started", "run-resumed" -> line(event.substring(4) + " " + data.get("run_id"));
                case "phase-started" ->
                    line("iteration " + data.get("iteration") + ": " + data.get("loop") + " (" + data.get("agents")
                            + " agents)");
                case "gate" ->
                    line(String.format(
                            "iteration %s: gate %.3f %s",
                            data.get("iteration"),
                            (Double) data.get("score"),
                            Boolean.TRUE.equals(data.get("passed")) ? "passed" : "failed"));
                case "iteration-finished" ->
                    line("iteration " + data.get("iteration") + ": " + data.get("decision") + " - "
                            + data.get("reason"));
                case "coordination-warning" -> out.warn("coordination " + data.get("what") + ": " + data.get("error"));
                default -> {}
            }
        }

        private void line(String text) {
            out.err().println("cfn: " + text);
            out.err().flush();
        }
    }
}
