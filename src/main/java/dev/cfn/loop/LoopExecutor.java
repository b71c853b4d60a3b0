package dev.cfn.loop;

import dev.cfn.ConflictException;
import dev.cfn.NotFoundException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.coord.TaskDecision;
import dev.cfn.metrics.Probe;
import dev.cfn.metrics.Probes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs CFN loops: per iteration, Loop 3 implementers in parallel, the deliverable check, the gate,
 * Loop 2 validators in parallel, the consensus and the product owner, then what {@link LoopPolicy}
 * decides. Every result and decision is stored as it happens, so {@link #resume} continues a run
 * whose orchestrator died without re-running stored agents or counting a result twice. Runs,
 * iterations, decisions and scores are reported to {@link Probes}.
 */
public final class LoopExecutor {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RunStore store;
    private final AgentBatch agents;
    private final Clock clock;
    private final LoopListener listener;

    public LoopExecutor(RunStore store, AgentBatch agents, Clock clock, LoopListener listener) {
        this.store = store;
        this.agents = agents;
        this.clock = clock;
        this.listener = listener;
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
        String runId = newRunId();
        var baseline = Deliverables.snapshot(Path.of(settings.workdir()), settings.expectedFiles());
        store.create(runId, settings, baseline, clock.millis());
        listener.on("run-started", Map.of("run_id", runId, "task", settings.task()));
        return new OpenedRun(runId, settings, baseline);
    }

    /** Drives an {@link #open opened} run to its end. */
    public RunReport drive(OpenedRun run) {
        return drive(run.runId(), run.settings(), run.baseline(), 1, List.of());
    }

    /**
     * Continues a run whose orchestrator died, from its unfinished iteration.
     *
     * @throws NotFoundException if no such run exists
     * @throws ConflictException if it already ended or another live process still drives it
     */
    public RunReport resume(String runId) {
        RunRecord run = store.run(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
        run.requireRunning();
        requireOrphaned(run);
        if (run.ownerPid() != null) {
            AgentSpawner.endLeftoversOf(run.ownerPid());
        }
        agents.team().requireAll(run.settings());
        store.claim(runId, clock.millis());
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
        listener.on("run-resumed", Map.of("run_id", runId, "iteration", from));
        if (decided != null) {
            RunReport ended = endDecided(runId, run.settings(), decided);
            if (ended != null) {
                return ended;
            }
        }
        return drive(runId, run.settings(), run.baseline(), from, feedback);
    }

    /**
     * The orchestrator died after storing an iteration's decision but before ending the run: a
     * PROCEED or ABORT, or an ITERATE with no budget left, ends it now (no new iteration).
     */
    private RunReport endDecided(String runId, LoopSettings settings, IterationRecord last) {
        TaskDecision decision = TaskDecision.valueOf(last.decision());
        if (decision == TaskDecision.PROCEED) {
            return finish(runId, "success", decision, last.reason());
        }
        if (decision == TaskDecision.ABORT) {
            return finish(runId, "aborted", decision, last.reason());
        }
        if (!new LoopPolicy(settings).mayIterate(last.iteration())) {
            return finish(runId, "failed", decision, budgetSpent(settings, last.reason()));
        }
        return null;
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
        IterationRunner runner = new IterationRunner(store, agents, policy, settings, baseline, clock, listener);
        Probe probe = Probes.current();
        probe.loopStarted(settings.mode());
        try (RunHeartbeat ignored = new RunHeartbeat(store, runId, clock)) {
            for (int i = from; ; i++) {
                store.startIteration(runId, i, clock.millis());
                listener.on("iteration-started", Map.of("run_id", runId, "iteration", i));
                IterationRunner.Result result = runner.run(runId, i, feedback);
                LoopPolicy.Outcome outcome = result.outcome();
                store.finishIteration(runId, result.record(), outcome, clock.millis());
                listener.on("decision", decisionEvent(runId, i, outcome));
                agents.signals().decision(runId, outcome.decision());
                listener.on("iteration-finished", iterationEvent(runId, result.record()));
                probe.loopIteration(
                        settings.mode(),
                        orNaN(result.record().gateScore()),
                        orNaN(result.record().consensusScore()),
                        outcome.decision().name());
                if (outcome.decision() == TaskDecision.PROCEED) {
                    return finish(runId, "success", outcome.decision(), outcome.reason());
                }
                if (outcome.decision() == TaskDecision.ABORT) {
                    return finish(runId, "aborted", outcome.decision(), outcome.reason());
                }
                if (!policy.mayIterate(i)) {
                    return finish(runId, "failed", outcome.decision(), budgetSpent(settings, outcome.reason()));
                }
                feedback = result.record().feedback();
            }
        } finally {
            probe.loopEnded(settings.mode());
        }
    }

    private static double orNaN(Double score) {
        return score == null ? Double.NaN : score;
    }

    private RunReport finish(String runId, String status, TaskDecision decision, String reason) {
        store.finish(runId, status, decision.name(), reason, clock.millis());
        agents.signals().cleanup(runId);
        RunReport report = report(runId);
        listener.on("run-finished", Map.of("run_id", runId, "status", status, "reason", reason));
        return report;
    }

    /** The report of a stored run, finished or not. */
    public RunReport report(String runId) {
        return store.report(runId, clock.millis());
    }

    private static Map<String, Object> iterationEvent(String runId, IterationRecord it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("iteration", it.iteration());
        m.put("gate", it.gateScore());
        m.put("consensus", it.consensusScore());
        m.put("decision", it.decision());
        m.put("reason", it.reason());
        return m;
    }

    private static Map<String, Object> decisionEvent(String runId, int iteration, LoopPolicy.Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("iteration", iteration);
        m.put("decision", outcome.decision().name());
        m.put("source", outcome.source());
        m.put("reason", outcome.reason());
        return m;
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
