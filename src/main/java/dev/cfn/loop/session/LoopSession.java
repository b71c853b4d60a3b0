package dev.cfn.loop.session;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.definition.FileProblem;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.RuntimeDefaults;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.loop.AgentBatch;
import dev.cfn.loop.AgentTeam;
import dev.cfn.loop.EventLog;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.RunSignals;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run (or resume) needs on top of the shared {@link LoopResources}: the agents of a folder,
 * a spawner bounded to {@code parallel} agents, and the executor wired to them. Built the same way
 * by {@code cfn loop run} and by {@code POST /api/loops}. {@link #close()} ends the spawner.
 */
public final class LoopSession implements AutoCloseable {
    private final AgentCatalog catalog;
    private final AgentSpawner spawner;
    private final LoopExecutor executor;

    private LoopSession(AgentCatalog catalog, AgentSpawner spawner, LoopExecutor executor) {
        this.catalog = catalog;
        this.spawner = spawner;
        this.executor = executor;
    }

    /**
     * Loads the agents of {@code agentsDir} and wires an executor.
     *
     * @throws dev.cfn.NotFoundException when {@code agentsDir} is not a folder
     */
    public static LoopSession open(LoopResources resources, Path agentsDir, int parallel, LoopListener listener) {
        return open(resources, agentsDir, parallel, listener, null);
    }

    /**
     * As {@link #open(LoopResources, Path, int, LoopListener)}, with the agents run by {@code runtime}
     * instead of this process's spawner (e.g. {@code cfn worker}s through a queue); null for the spawner.
     */
    public static LoopSession open(
            LoopResources resources, Path agentsDir, int parallel, LoopListener listener, AgentRuntime runtime) {
        // The runtime of definitions naming none is chosen once, here, for the whole run.
        AgentCatalog catalog = AgentCatalog.load(
                agentsDir,
                RuntimeDefaults.detect(resources.env()),
                dev.cfn.agents.definition.AgentDefinitionParser.configuredProviders(resources.env()));
        LoopListener told = LoopListener.all(List.of(new EventLog(resources.store(), resources.clock()), listener));
        Map<String, String> agentEnv = new HashMap<>();
        resources.redisUrl().ifPresent(url -> agentEnv.put("CFN_REDIS_URL", url));
        AgentSpawner spawner = AgentSpawner.create(
                SpawnerSettings.defaults()
                        .withMaxParallel(parallel)
                        .withEnv(resources.env())
                        .withPrices(resources.prices()),
                resources.skills());
        AgentBatch batch = new AgentBatch(
                new AgentTeam(catalog.agents()),
                runtime == null ? spawner::run : runtime,
                resources.skills(),
                resources.usage(),
                resources.store(),
                new RunSignals(resources.coordinator(), told),
                resources.clock(),
                resources.logDir(),
                agentEnv);
        LoopExecutor executor = new LoopExecutor(resources.store(), batch, resources.clock(), told)
                .reflection(new dev.cfn.loop.Reflection(
                        resources.store(),
                        batch.team(),
                        runtime == null ? spawner::run : runtime,
                        resources.clock(),
                        told,
                        resources.logDir(),
                        agentEnv));
        return new LoopSession(catalog, spawner, executor);
    }

    public Collection<AgentDefinition> definitions() {
        return catalog.definitions();
    }

    /** Definitions that load but with a problem worth telling the user ({@code path:line: why}). */
    public List<FileProblem> warnings() {
        return catalog.warnings();
    }

    public LoopExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        spawner.close();
    }
}
