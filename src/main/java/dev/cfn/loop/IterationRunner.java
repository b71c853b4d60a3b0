package dev.cfn.loop;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.metrics.Probes;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One iteration: Loop 3, deliverables, gate, Loop 2, consensus, product owner, decision. Throws
 * {@link RunStoppedException} when the run's {@link RunWatch} stops it in a phase.
 */
final class IterationRunner {
    private final RunStore store;
    private final AgentBatch agents;
    private final LoopPolicy policy;
    private final LoopSettings settings;
    private final Map<String, String> baseline;
    private final LoopListener listener;
    private final RunWatch watch;
    private final RunWorkspace workspace;

    IterationRunner(
            RunStore store,
            AgentBatch agents,
            LoopPolicy policy,
            LoopSettings settings,
            Map<String, String> baseline,
            Clock clock,
            LoopListener listener,
            RunWatch watch,
            RunWorkspace workspace) {
        this.workspace = workspace;
        this.store = store;
        this.watch = watch;
        this.agents = agents;
        this.policy = policy;
        this.settings = settings;
        this.baseline = baseline;
        this.listener = listener;
    }

    record Result(IterationRecord record, LoopPolicy.Outcome outcome) {}

    Result run(String runId, int iteration, List<Feedback> feedback) {
        Map<String, AgentResult> stored = store.results(runId, iteration);
        Map<String, Object> base = baseInput(runId, iteration, feedback);

        List<AgentResult> loop3 = phase(runId, iteration, Phase.LOOP3, settings.loop3(), base, stored);
        loop3 = workspace.merge(iteration, loop3); // with worktrees: the merged files are in the workdir now
        List<String> problems = Deliverables.check(Path.of(settings.workdir()), baseline);
        Gate gate = policy.gate(loop3);
        listener.on(new LoopEvent.GateChecked(runId, iteration, gate.score(), gate.passed()));

        Gate consensus = null;
        List<AgentResult> loop2 = List.of();
        AgentResult owner = null;
        if (problems.isEmpty() && gate.passed() && !settings.loop2().isEmpty()) {
            Map<String, Object> input = new LinkedHashMap<>(base);
            input.put(
                    "implementers", loop3.stream().map(IterationRunner::summary).toList());
            loop2 = phase(runId, iteration, Phase.LOOP2, settings.loop2(), input, stored);
            consensus = policy.consensus(loop2);
            listener.on(new LoopEvent.ConsensusChecked(runId, iteration, consensus.score(), consensus.passed()));
        }
        boolean ready = problems.isEmpty() && gate.passed() && (consensus == null || consensus.passed());
        if (ready && settings.productOwner() != null) {
            Map<String, Object> input = new LinkedHashMap<>(base);
            input.put("gate", figures(gate));
            input.put("consensus", consensus == null ? null : figures(consensus));
            input.put(
                    "implementers", loop3.stream().map(IterationRunner::summary).toList());
            input.put("validators", loop2.stream().map(IterationRunner::summary).toList());
            owner = phase(runId, iteration, Phase.PRODUCT_OWNER, List.of(settings.productOwner()), input, stored)
                    .get(0);
        }
        LoopPolicy.Outcome outcome = policy.afterIteration(problems.isEmpty(), gate, consensus, owner);
        List<AgentResult> all = new ArrayList<>(loop3);
        all.addAll(loop2);
        String failure = outcome.decision() == Decision.ITERATE ? outcome.reason() : null;
        List<Feedback> next = LoopPolicy.feedbackOf(all, failure);
        problems.forEach(p -> next.add(new Feedback(Feedback.Severity.CRITICAL, p)));
        IterationRecord record = new IterationRecord(
                iteration,
                gate.score(),
                gate.passed(),
                consensus == null ? null : consensus.score(),
                consensus == null ? null : consensus.passed(),
                problems.isEmpty(),
                problems,
                outcome.decision(),
                outcome.reason(),
                next);
        return new Result(record, outcome);
    }

    private List<AgentResult> phase(
            String runId,
            int iteration,
            Phase phase,
            List<String> names,
            Map<String, Object> input,
            Map<String, AgentResult> stored) {
        List<String> ids = AgentBatch.agentIds(names, iteration);
        List<AgentBatch.Planned> planned = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            Map<String, Object> in = new LinkedHashMap<>(input);
            in.put("loop", phase.label());
            in.put("agent_id", ids.get(k));
            Path folder = phase == Phase.LOOP3
                    ? workspace.folder(RunWorkspace.slot(ids.get(k), iteration), stored.containsKey(ids.get(k)))
                    : null;
            planned.add(new AgentBatch.Planned(ids.get(k), agents.team().get(names.get(k)), in, folder));
        }
        listener.on(new LoopEvent.PhaseStarted(runId, iteration, phase, names.size()));
        if (phase != Phase.PRODUCT_OWNER) {
            agents.signals().agentIds(runId, phase, iteration, ids);
        }
        List<AgentResult> results = agents.run(runId, iteration, phase, settings, planned, stored, watch);
        Probes.current().loopProgress();
        return results;
    }

    private Map<String, Object> baseInput(String runId, int iteration, List<Feedback> feedback) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", settings.task());
        m.put("run_id", runId);
        m.put("iteration", iteration);
        m.put("mode", settings.mode());
        m.put("max_iterations", settings.maxIterations());
        m.put("deliverables", settings.expectedFiles());
        m.put("acceptance_criteria", List.of());
        m.put(
                "feedback",
                feedback.stream()
                        .map(f -> Map.of("severity", f.severity().name(), "message", f.message()))
                        .toList());
        return m;
    }

    private static Map<String, Object> summary(AgentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", r.agentId());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("confidence", r.confidence());
        m.put("summary", r.summary());
        m.put("files", r.files());
        return m;
    }

    private static Map<String, Object> figures(Gate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", g.score());
        m.put("threshold", g.threshold());
        m.put("passed", g.passed());
        m.put("reported", g.reported());
        m.put("agents", g.agents());
        return m;
    }
}
