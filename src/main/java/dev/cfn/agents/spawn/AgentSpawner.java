package dev.cfn.agents.spawn;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Usage;
import dev.cfn.agents.claude.ClaudeCodeRuntime;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.ContainerException;
import dev.cfn.agents.llm.ApiAgentRuntime;
import dev.cfn.agents.mcp.McpAgentEndpoint;
import dev.cfn.agents.process.ProcessAgentRuntime;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.agents.process.TestAgentRuntime;
import dev.cfn.agents.process.WarmPool;
import dev.cfn.metrics.Probe;
import dev.cfn.metrics.Probes;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs agents: picks the runtime from each definition (command, test, claude-code, anthropic and openai, or
 * the warm pool for {@code warm: true}) and ends every process it started on {@link #close()}. It runs
 * one agent per call, on the caller's thread; callers bound their own parallelism (the loop's {@code
 * AgentBatch}, {@code cfn worker}'s slots). The API runtime (and its SDKs) is created on first use
 * only. Each run is reported to {@link Probes} (execution duration by status, or a spawn
 * failure). Thread-safe.
 */
public final class AgentSpawner implements AutoCloseable {
    private final SpawnerSettings settings;
    private final ProcessAgentRuntime process;
    private final TestAgentRuntime test;
    private final ClaudeCodeRuntime claude;
    private final WarmPool warm;
    private final ProcessRunner runner;
    private final Function<LoadRequest, List<LoadedSkill>> skills;
    private AgentRuntime api;
    private McpAgentEndpoint endpoint;

    /** The environment of the latest spawner: where a resumed run finds the container engine its agents used. */
    private static volatile Map<String, String> engineEnv = System.getenv();

    private AgentSpawner(SpawnerSettings settings, Function<LoadRequest, List<LoadedSkill>> skills) {
        this.settings = settings;
        engineEnv = settings.env();
        this.skills = skills;
        ProcessRunner runner = new ProcessRunner(
                ProcessReaper.global(), ResourceLimits.detect(), settings.killGrace(), settings.env());
        this.runner = runner;
        this.process = new ProcessAgentRuntime(runner);
        this.test = new TestAgentRuntime(runner);
        this.claude = new ClaudeCodeRuntime(
                runner, settings.env(), settings.prices(), inv -> endpoint().open(inv));
        this.warm = new WarmPool(
                ProcessReaper.global(),
                ResourceLimits.detect(),
                settings.warmPerType(),
                settings.killGrace(),
                settings.env());
    }

    /** A spawner with these settings; close it to end warm processes. */
    public static AgentSpawner create(SpawnerSettings settings) {
        return new AgentSpawner(settings, null);
    }

    /**
     * A spawner whose Claude Code agents reach this process's MCP endpoint (started with the first
     * one): {@code report_result}, and {@code skills_for_agent} answered by {@code skills}.
     */
    public static AgentSpawner create(SpawnerSettings settings, Function<LoadRequest, List<LoadedSkill>> skills) {
        return new AgentSpawner(settings, skills);
    }

    /** The agents' MCP endpoint, made on first use (the MCP SDK stays off other paths). */
    private synchronized McpAgentEndpoint endpoint() {
        if (endpoint == null) {
            endpoint = new McpAgentEndpoint(skills);
        }
        return endpoint;
    }

    /**
     * Runs one agent on the calling thread.
     *
     * @throws dev.cfn.RetriableException when its runtime is unavailable (command cannot start, no API key)
     */
    public AgentResult run(AgentInvocation invocation) {
        String type = invocation.definition().name();
        Probe probe = Probes.current();
        long start = System.nanoTime();
        AgentResult result;
        try {
            result = runtimeFor(invocation.definition()).run(invocation);
        } catch (RetriableException e) {
            // A run that could not start is a failed run too (the failure-rate alert counts it).
            probe.agentSpawnFailed(type, "unavailable");
            probe.agentExecuted(type, "failure", System.nanoTime() - start);
            throw e;
        }
        probe.agentExecuted(
                type,
                result.status().name().toLowerCase(Locale.ROOT),
                result.duration().toNanos());
        reportUsage(probe, type, result.usage());
        return result;
    }

    /**
     * Kills the agent processes (and their descendants) that the cfn process {@code pid} started
     * and left behind when it died without its shutdown hook (kill -9, OOM killer); nothing if that
     * process is alive. A resumed loop calls this before re-running agents, so a dead run's agents
     * never write into the workdir alongside the new ones.
     *
     * @return how many processes were killed
     */
    public static int endLeftoversOf(long pid) {
        return ProcessReaper.global().sweepLeftoversOf(pid);
    }

    /**
     * As {@link #endLeftoversOf(long)}, and removes the containers labelled {@code cfn.run=runId}
     * ({@code sandbox: container} agents whose removal died with that process); nothing if that
     * process is alive.
     *
     * @return how many processes were killed and containers removed
     */
    public static int endLeftoversOf(long pid, String runId) {
        if (pid == ProcessHandle.current().pid()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return 0;
        }
        int ended = endLeftoversOf(pid);
        var engine = ContainerEngine.find(engineEnv);
        if (engine.isPresent()) {
            try {
                ended += engine.get().removeLabelled("cfn.run", runId);
            } catch (ContainerException e) {
                // the engine cannot list now: the containers stay until the next resume or by hand
            }
        }
        return ended;
    }

    /** Spend is counted where it happens: every run of an LLM agent, a stopped or re-delivered one too. */
    private static void reportUsage(Probe probe, String type, Usage u) {
        if (u.totalTokens() + u.cacheReadTokens() + u.cacheWriteTokens() > 0 || u.costUsd() > 0) {
            probe.llmUsage(
                    type, u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.costUsd());
        }
    }

    /** The runtime that runs {@code definition}. */
    AgentRuntime runtimeFor(AgentDefinition definition) {
        return switch (definition.runtime()) {
            case COMMAND -> definition.warm() ? warm : process;
            case TEST -> test;
            case CLAUDE_CODE -> claude;
            case ANTHROPIC, OPENAI -> api();
        };
    }

    private synchronized AgentRuntime api() {
        if (api == null) {
            api = ApiAgentRuntime.create(runner, settings.env(), settings.anthropicRetries(), settings.prices());
        }
        return api;
    }

    /** Ends warm processes, waits for the sweeps of finished runs, closes the API clients. */
    @Override
    public void close() {
        warm.close();
        synchronized (this) {
            if (endpoint != null) {
                endpoint.close();
            }
            if (api instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing HTTP clients cannot fail in a way worth reporting
                }
            }
        }
        try {
            ProcessReaper.global().awaitSweeps();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
