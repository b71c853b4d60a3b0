package dev.cfn.loop;

import dev.cfn.ConflictException;
import dev.cfn.NotFoundException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.metrics.Probe;
import dev.cfn.metrics.Probes;
import dev.cfn.protocol.Decision;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs CFN loops: per iteration, Loop 3 implementers in parallel, the deliverable check, the gate,
 * Loop 2 validators in parallel, the consensus and the product owner, then what {@link LoopPolicy}
 * decides. Every result and decision is stored as it happens, so {@link #resume} continues a run
 * whose orchestrator died without re-running stored agents or counting a result twice. A {@link
 * RunWatch} follows each drive: a spent {@link Budget} or a cancel stops the run ({@link
 * RunStatus#STOPPED}, resumable). Runs, iterations, decisions and scores are reported to {@link Probes}.
 */
public final class LoopExecutor {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RunStore store;
    private final AgentBatch agents;
    private final Clock clock;
    private final LoopListener listener;
    private Reflection reflection;
    private String reflector;

    public LoopExecutor(RunStore store, AgentBatch agents, Clock clock, LoopListener listener) {
        this.store = store;
        this.agents = agents;
        this.clock = clock;
        this.listener = listener;
    }

    /** Loop 5: how runs of this executor reflect after a PROCEED (set once, by the session). */
    public LoopExecutor reflection(Reflection r) {
        this.reflection = r;
        return this;
    }

    /**
     * The agent that reflects on the runs this executor opens from now on ({@code --reflect}), or null.
     *
     * @throws dev.cfn.InvalidInputException if no definition has that name
     */
    public LoopExecutor reflectWith(String agent) {
        if (agent != null) {
            if (reflection == null) {
                throw new IllegalStateException("this executor has no reflection");
            }
            reflection.requireDefined(agent);
        }
        this.reflector = agent;
        return this;
    }

    /** Starts a new run and drives it to its end. */
    public RunReport start(LoopSettings settings) {
        return drive(open(settings));
    }

    /** A run stored and ready to be driven (see {@link #open}). */
    public record OpenedRun(String runId, LoopSettings settings, Map<String, String> baseline) {}

    /**
     * Checks that every agent is defined and stores a new run, without running anything yet: a
     * server answers with the run id at once and {@link #drive(OpenedRun) drives} it on a worker.
     */
    public OpenedRun open(LoopSettings settings) {
        agents.team().requireAll(settings);
        RunWorkspace.requireUsable(settings);
        String runId = newRunId();
        workspace(runId, settings).start();
        var baseline = Deliverables.snapshot(Path.of(settings.workdir()), settings.expectedFiles());
        store.create(runId, settings, baseline, clock.millis());
        store.recordStart(runId, settings.judging().criteria(), WorkdirState.headOf(Path.of(settings.workdir())));
        if (reflector != null) {
            reflection.plan(runId, reflector);
        }
        listener.on(new LoopEvent.RunStarted(runId, settings.task()));
        return new OpenedRun(runId, settings, baseline);
    }

    /** Drives an {@link #open opened} run to its end. */
    public RunReport drive(OpenedRun run) {
        return drive(run.runId(), run.settings(), run.baseline(), 1, List.of());
    }

    /**
     * Continues a run whose orchestrator died, or a stopped run, from its unfinished iteration.
     *
     * @throws NotFoundException if no such run exists
     * @throws ConflictException if it already ended, another live process still drives it, or its
     *     budget is spent (see {@link #resume(String, Budget)})
     */
    public RunReport resume(String runId) {
        return resume(runId, Budget.NONE);
    }

    /**
     * As {@link #resume(String)}, with each limit {@code raised} sets replacing the run's stored one
     * (and stored with it from now on).
     *
     * @throws ConflictException also when the run would stop at once, its budget still spent: nothing
     *     is changed then, and the message names the option to raise
     */
    public RunReport resume(String runId, Budget raised) {
        RunRecord run = store.run(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
        run.requireResumable();
        requireOrphaned(run);
        LoopSettings settings =
                run.settings().withBudget(run.settings().budget().with(raised));
        List<IterationRecord> done = store.iterations(runId);
        int from = 1;
        List<Feedback> feedback = List.of();
        IterationRecord decided = null;
        for (IterationRecord it : done) {
            if (it.decision() == null) {
                from = it.iteration();
                decided = null;
                break;
            }
            from = it.iteration() + 1;
            feedback = it.feedback();
            decided = it;
        }
        if (decided == null || decided.decision() == Decision.ITERATE) {
            requireBudgetLeft(runId, settings.budget());
        }
        if (run.ownerPid() != null) {
            AgentSpawner.endLeftoversOf(run.ownerPid(), runId);
        }
        agents.team().requireAll(settings);
        workspace(runId, settings).start();
        store.claim(runId, settings, clock.millis());
        listener.on(new LoopEvent.RunResumed(runId, from));
        if (decided != null) {
            RunReport ended = endDecided(runId, settings, decided);
            if (ended != null) {
                return ended;
            }
        }
        return drive(runId, settings, run.baseline(), from, feedback);
    }

    private void requireBudgetLeft(String runId, Budget budget) {
        var spent = store.costs().ofRun(runId);
        budget.exceeded(new Budget.Spent(spent.costUsd(), spent.totalTokens(), store.activeMs(runId)))
                .ifPresent(b -> {
                    throw new ConflictException("run '" + runId + "' has spent its budget (" + b.reason()
                            + "): resume it with a higher " + b.option());
                });
    }

    /**
     * The orchestrator died after storing an iteration's decision but before ending the run: a
     * PROCEED or ABORT, or an ITERATE with no budget left, ends it now (no new iteration).
     */
    private RunReport endDecided(String runId, LoopSettings settings, IterationRecord last) {
        return ending(runId, settings, last.iteration(), last.decision(), last.reason());
    }

    private static String budgetSpent(LoopSettings settings, String last) {
        return "iteration budget of " + settings.maxIterations() + " spent; last: " + last;
    }

    private void requireOrphaned(RunRecord run) {
        Long pid = run.ownerPid();
        boolean ownerAlive = pid != null
                && pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        boolean fresh = run.heartbeatMs() != null && clock.millis() - run.heartbeatMs() < RunHeartbeat.STALE_MS;
        if (ownerAlive && fresh) {
            throw new ConflictException("run '" + run.id() + "' is still being driven by process " + pid);
        }
    }

    private RunReport drive(
            String runId, LoopSettings settings, Map<String, String> baseline, int from, List<Feedback> feedback) {
        LoopPolicy policy = new LoopPolicy(settings);
        RunWatch watch = RunWatch.start(store, store.costs(), runId, settings.budget(), clock);
        IterationRunner runner = new IterationRunner(
                store, agents, policy, settings, baseline, clock, listener, watch, workspace(runId, settings));
        Probe probe = Probes.current();
        probe.loopStarted(settings.mode());
        try (RunHeartbeat ignored = new RunHeartbeat(store, runId, clock, watch)) {
            for (int i = from; ; i++) {
                store.startIteration(runId, i, clock.millis());
                listener.on(new LoopEvent.IterationStarted(runId, i));
                IterationRunner.Result result = runner.run(runId, i, feedback);
                LoopPolicy.Outcome outcome = result.outcome();
                store.finishIteration(runId, result.record(), outcome, clock.millis());
                listener.on(new LoopEvent.Decided(runId, i, outcome.decision(), outcome.source(), outcome.reason()));
                agents.signals().decision(runId, outcome.decision());
                listener.on(new LoopEvent.IterationFinished(runId, result.record()));
                probe.loopIteration(
                        settings.mode(),
                        orNaN(result.record().gateScore()),
                        orNaN(result.record().consensusScore()),
                        outcome.decision().name());
                store.heartbeat(runId, clock.millis(), watch.activeMs());
                RunReport ended = ending(runId, settings, i, outcome.decision(), outcome.reason());
                if (ended != null) {
                    return ended;
                }
                feedback = result.record().feedback();
            }
        } catch (RunStoppedException e) {
            return stopped(runId, e.getMessage(), watch);
        } finally {
            probe.loopEnded(settings.mode());
        }
    }

    /** The watch stopped the run (budget, cancel): stored as stopped with the reason, resumable. */
    private RunReport stopped(String runId, String reason, RunWatch watch) {
        long now = clock.millis();
        store.heartbeat(runId, now, watch.activeMs());
        store.stop(runId, reason, now);
        agents.signals().cleanup(runId);
        RunReport report = report(runId);
        listener.on(new LoopEvent.RunFinished(runId, RunStatus.STOPPED, reason));
        return report;
    }

    private static double orNaN(Double score) {
        return score == null ? Double.NaN : score;
    }

    /** Ends the run when {@code decision} on {@code iteration} ends it; null when another iteration follows. */
    private RunReport ending(String runId, LoopSettings settings, int iteration, Decision decision, String reason) {
        RunReport ended = decided(runId, settings, iteration, decision, reason);
        if (ended != null) {
            workspace(runId, settings).end();
        }
        return ended;
    }

    /** Where the run's agents work: the workdir, or their worktrees (see {@link RunWorkspace}). */
    private RunWorkspace workspace(String runId, LoopSettings settings) {
        return RunWorkspace.of(settings, runId, agents.home());
    }

    private RunReport decided(String runId, LoopSettings settings, int iteration, Decision decision, String reason) {
        return switch (decision) {
            case PROCEED -> finish(runId, RunStatus.SUCCESS, decision, reason);
            case ABORT -> finish(runId, RunStatus.ABORTED, decision, reason);
            case ITERATE ->
                new LoopPolicy(settings).mayIterate(iteration)
                        ? null
                        : finish(runId, RunStatus.FAILED, decision, budgetSpent(settings, reason));
        };
    }

    private RunReport finish(String runId, RunStatus status, Decision decision, String reason) {
        store.finish(runId, status, decision, reason, clock.millis());
        if (decision == Decision.PROCEED && reflection != null) {
            reflection.afterProceed(runId); // after the stored decision; never changes it
        }
        agents.signals().cleanup(runId);
        RunReport report = report(runId);
        listener.on(new LoopEvent.RunFinished(runId, status, reason));
        return report;
    }

    /** The report of a stored run, finished or not. */
    public RunReport report(String runId) {
        return store.report(runId, clock.millis());
    }

    private String newRunId() {
        String time = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(RUN_TIME);
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return "run-" + time + "-" + HexFormat.of().formatHex(random);
    }

    /** Results in the order of their agents, for reports. */
    static List<AgentResult> ordered(Map<String, AgentResult> byId, List<String> ids) {
        List<AgentResult> out = new ArrayList<>();
        for (String id : ids) {
            AgentResult r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
