package dev.cfn.loop;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.ProgressListener;
import dev.cfn.protocol.Phase;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.store.UsageEvent;
import dev.cfn.store.UsageLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one phase's agents in parallel (bounded), each with the skills its type gets, storing each
 * result the moment it arrives (once: a result already stored is reused, not re-run) and writing
 * one usage row per skill per agent run.
 */
public final class AgentBatch {
    private final AgentTeam team;
    private final AgentRuntime runtime;
    private final Function<LoadRequest, List<LoadedSkill>> skills;
    private final UsageLog usage;
    private final RunStore store;
    private final Clock clock;
    private final Path logDir;
    private final Map<String, String> env;
    private final RunSignals signals;
    private Hooks hooks;

    public AgentBatch(
            AgentTeam team,
            AgentRuntime runtime,
            Function<LoadRequest, List<LoadedSkill>> skills,
            UsageLog usage,
            RunStore store,
            RunSignals signals,
            Clock clock,
            Path logDir,
            Map<String, String> env) {
        this.team = team;
        this.runtime = runtime;
        this.skills = skills;
        this.usage = usage;
        this.store = store;
        this.clock = clock;
        this.logDir = logDir;
        this.env = Map.copyOf(env);
        this.signals = signals;
    }

    RunSignals signals() {
        return signals;
    }

    public AgentTeam team() {
        return team;
    }

    /** cfn's state folder ({@code <home>}, the parent of the log folder). */
    Path home() {
        return logDir.toAbsolutePath().getParent();
    }

    /**
     * One agent of a phase: its id, the input it gets, and the folder it works in (null: the run's
     * workdir; an implementer's own worktree with {@code --isolation worktree}).
     */
    record Planned(String agentId, AgentDefinition definition, Map<String, Object> input, Path workdir) {
        Planned(String agentId, AgentDefinition definition, Map<String, Object> input) {
            this(agentId, definition, input, null);
        }
    }

    /** The agent ids of a phase: {@code {type}-{iteration}-{instance}}, instance counting per type. */
    static List<String> agentIds(List<String> names, int iteration) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            int instance = seen.merge(name, 1, Integer::sum);
            ids.add(name + "-" + iteration + "-" + instance);
        }
        return ids;
    }

    /**
     * Runs the agents not yet in {@code stored}; returns every result in the order of {@code planned}.
     * Each agent starts only if {@code watch} lets it, and is followed by it while it runs.
     *
     * @throws RunStoppedException when the watch stopped the run: the results stored before stay, the
     *     agents it ended left no result (a resume runs them again)
     */
    List<AgentResult> run(
            String runId,
            int iteration,
            Phase phase,
            LoopSettings settings,
            List<Planned> planned,
            Map<String, AgentResult> stored,
            RunWatch watch) {
        if (planned.stream().anyMatch(p -> !stored.containsKey(p.agentId()))) {
            watch.check();
        }
        Semaphore slots = new Semaphore(settings.parallelism());
        Map<String, Future<AgentResult>> running = new LinkedHashMap<>();
        List<AgentResult> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Planned p : planned) {
                if (!stored.containsKey(p.agentId())) {
                    running.put(
                            p.agentId(),
                            threads.submit(() -> runOne(runId, iteration, phase, settings, p, slots, watch)));
                }
            }
            for (Planned p : planned) {
                AgentResult r = stored.get(p.agentId());
                results.add(r != null ? r : join(running.get(p.agentId())));
            }
        }
        if (watch.stopping()) {
            throw new RunStoppedException(watch.stopReason());
        }
        return results;
    }

    /** Runs one agent; null when the run's stop kept it from starting or ended it (nothing stored as its result). */
    private AgentResult runOne(
            String runId, int iteration, Phase phase, LoopSettings settings, Planned p, Semaphore slots, RunWatch watch)
            throws InterruptedException {
        String type = p.definition().name();
        List<String> keywords = settings.judging().skillKeywords(settings.task());
        List<LoadedSkill> loaded = skills.apply(new LoadRequest(type, phase.label(), keywords, settings.mode()));
        Map<String, Object> input = new LinkedHashMap<>(p.input());
        input.put("skills", loaded.stream().map(AgentBatch::skillView).toList());
        AgentInvocation invocation = new AgentInvocation(
                settings.sandbox() == null ? p.definition() : p.definition().withExtra("sandbox", settings.sandbox()),
                runId,
                p.agentId(),
                iteration,
                phase,
                settings.mode(),
                p.workdir() != null ? p.workdir() : Path.of(settings.workdir()),
                input,
                env,
                p.definition().effectiveTimeout(),
                logDir,
                progress -> signals.listener()
                        .on(new LoopEvent.AgentProgress(
                                runId,
                                iteration,
                                phase,
                                progress.agentId(),
                                progress.kind(),
                                progress.summary(),
                                progress.usage())));
        if (phase == Phase.LOOP3) {
            // An implementer continues its own conversation from one iteration to the next.
            invocation = invocation.withSessions(new RunSessions(store, runId, clock));
        }
        slots.acquire();
        AgentResult result;
        try {
            watch.starting(p.agentId());
            signals.listener().on(new LoopEvent.AgentStarted(runId, iteration, phase, p.agentId(), type));
            result = runWithHooks(
                    settings,
                    invocation.withProgress(
                            watch.follow(p.agentId(), p.definition().maxCostUsd(), invocation.progress())));
        } catch (RunStoppedException e) {
            return null;
        } catch (ProgressListener.StopAgent e) {
            result = AgentResult.failed(p.agentId(), type, e.getMessage());
        } catch (CfnException e) {
            result = AgentResult.failed(p.agentId(), type, "agent could not run: " + e.getMessage());
        } finally {
            watch.ended(p.agentId());
            slots.release();
        }
        if (watch.stopping()) {
            Thread.interrupted(); // the stop's interrupt, if it came: the stores below must not see it
            store.storeStop(runId, iteration, phase, result, watch.stopReason(), clock.millis());
            watch.settled(p.agentId(), result.usage());
            return null;
        }
        result = withinAgentBudget(p.definition(), result);
        if (store.storeResult(runId, iteration, phase, result, given(loaded), clock.millis())) {
            signals.result(runId, iteration, phase, result);
            logUsage(runId, iteration, phase, result, loaded);
            watch.settled(p.agentId(), result.usage());
        }
        return result;
    }

    /** A result that cost more than its definition's {@code max_cost_usd} is a failure saying so. */
    private static AgentResult withinAgentBudget(AgentDefinition d, AgentResult r) {
        return Budget.agentExceeded(d.maxCostUsd(), r.usage().costUsd())
                .map(reason -> r.toBuilder()
                        .status(AgentResult.Status.FAILURE)
                        .confidence(0.0, reason)
                        .build())
                .orElse(r);
    }

    /**
     * The agent's own run with the definition's {@code lifecycle} hooks around it when the run
     * enables hooks: a failing {@code pre_task} fails the agent, which then does not run; a failing
     * {@code post_task} is a WARNING in its feedback.
     */
    private AgentResult runWithHooks(LoopSettings settings, AgentInvocation invocation) {
        AgentDefinition d = invocation.definition();
        String pre = settings.judging().hooks() ? Hooks.lifecycle(d, Hooks.PRE_TASK) : null;
        String post = settings.judging().hooks() ? Hooks.lifecycle(d, Hooks.POST_TASK) : null;
        if (pre != null) {
            var failed = hooks().run(invocation, Hooks.PRE_TASK, pre);
            if (failed.isPresent()) {
                return AgentResult.failed(invocation.agentId(), d.name(), failed.get());
            }
        }
        AgentResult result = runtime.run(invocation);
        if (post != null) {
            var failed = hooks().run(invocation, Hooks.POST_TASK, post);
            if (failed.isPresent()) {
                List<Feedback> feedback = new ArrayList<>(result.feedback());
                feedback.add(new Feedback(Feedback.Severity.WARNING, invocation.agentId() + ": " + failed.get()));
                result = result.toBuilder().feedback(feedback).build();
            }
        }
        return result;
    }

    /** The hook runner, made on first use (runs without hooks never detect resource limits for it). */
    synchronized Hooks hooks() {
        if (hooks == null) {
            hooks = Hooks.create();
        }
        return hooks;
    }

    /** Where agents' logs go ({@code <home>/logs}). */
    Path logDir() {
        return logDir;
    }

    /** The skill versions given, as {@code name@version}. */
    private static List<String> given(List<LoadedSkill> loaded) {
        return loaded.stream().map(s -> s.name() + "@" + s.version()).toList();
    }

    /**
     * One usage row per skill, carrying the confidence the same agent slot ({@code type-(i-1)-n})
     * reported in the previous iteration as {@code confidence_before} (none in iteration 1).
     */
    private void logUsage(String runId, int iteration, Phase phase, AgentResult r, List<LoadedSkill> loaded) {
        if (usage == null || loaded.isEmpty()) {
            return;
        }
        Double before = iteration <= 1
                ? null
                : store.confidence(runId, iteration - 1, previousSlot(r.agentId(), r.agentType(), iteration))
                        .orElse(null);
        for (LoadedSkill s : loaded) {
            usage.log(new UsageEvent(
                    r.agentId(),
                    r.agentType(),
                    s.name(),
                    s.version(),
                    runId,
                    phase.label(),
                    r.exitCode(),
                    r.duration().toMillis(),
                    before,
                    r.confidence()));
        }
    }

    /** {@code type-i-n} of iteration {@code i} as the id its slot had in iteration {@code i - 1}. */
    static String previousSlot(String agentId, String type, int iteration) {
        String prefix = type + "-" + iteration + "-";
        return agentId.startsWith(prefix)
                ? type + "-" + (iteration - 1) + "-" + agentId.substring(prefix.length())
                : agentId;
    }

    private static Map<String, Object> skillView(LoadedSkill s) {
        return Map.of("name", s.name(), "version", s.version(), "hash", s.contentHash(), "content", s.content());
    }

    private static AgentResult join(Future<AgentResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CfnException("interrupted while waiting for agents", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new CfnException("agent run failed: " + cause, cause);
        }
    }
}
