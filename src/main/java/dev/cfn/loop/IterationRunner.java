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
        ChangeCheck changes = ChangeCheck.start(store, runId, iteration, settings, excluded());

        List<AgentResult> loop3 = phase(runId, iteration, Phase.LOOP3, settings.loop3(), base, stored);
        loop3 = workspace.merge(iteration, loop3); // with worktrees: the merged files are in the workdir now
        List<String> problems = new ArrayList<>(Deliverables.check(Path.of(settings.workdir()), baseline));
        changes.finish().ifPresent(problems::add);
        Gate gate = policy.gate(loop3);
        listener.on(new LoopEvent.GateChecked(runId, iteration, gate.score(), gate.passed()));
        List<String> validators = new ArrayList<>(settings.loop2());
        if (problems.isEmpty() && gate.passed() && settings.judging().hooks()) {
            ValidationHooks.Outcome hooked = ValidationHooks.run(agents, settings, runId, iteration, base);
            problems.addAll(hooked.failures());
            validators.addAll(hooked.agents());
        }

        Gate consensus = null;
        List<AgentResult> loop2 = List.of();
        AgentResult owner = null;
        if (problems.isEmpty() && gate.passed() && !validators.isEmpty()) {
            Map<String, Object> input = new LinkedHashMap<>(base);
            input.put(
                    "implementers", loop3.stream().map(IterationRunner::summary).toList());
            loop2 = phase(runId, iteration, Phase.LOOP2, validators, input, stored);
            consensus = policy.consensus(loop2);
            listener.on(new LoopEvent.ConsensusChecked(runId, iteration, consensus.score(), consensus.passed()));
        }
        boolean ready = problems.isEmpty() && gate.passed() && (consensus == null || consensus.passed());
        if (ready && settings.productOwner() != null) {
            Map<String, Object> input = new LinkedHashMap<>(base);
            input.put("gate", figures(gate));
            if (consensus != null) { // without validators there is none (an input holds no nulls)
                input.put("consensus", figures(consensus));
            }
            input.put(
                    "implementers", loop3.stream().map(IterationRunner::summary).toList());
            input.put("validators", loop2.stream().map(IterationRunner::summary).toList());
            owner = phase(runId, iteration, Phase.PRODUCT_OWNER, List.of(settings.productOwner()), input, stored)
                    .get(0);
        }
        LoopPolicy.Outcome outcome = policy.afterIteration(problems.isEmpty(), gate, consensus, owner);
        if (problems.stream().anyMatch(p -> p.startsWith(ChangeCheck.NOTHING_CHANGED))) {
            outcome = new LoopPolicy.Outcome(outcome.decision(), outcome.source(), ChangeCheck.NOTHING_CHANGED);
        }
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
        Map<String, AgentResult> previous =
                phase == Phase.LOOP3 && iteration > 1 ? store.results(runId, iteration - 1) : Map.of();
        for (int k = 0; k < names.size(); k++) {
            Map<String, Object> in = new LinkedHashMap<>(input);
            if (phase == Phase.LOOP3 && iteration > 1) {
                in.put("feedback", concerning(in.get("feedback_all"), names.get(k), ids.get(k), previous, iteration));
            }
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
        m.put("acceptance_criteria", settings.judging().criteria());
        List<Map<String, String>> all = feedback.stream()
                .map(f -> Map.of("severity", f.severity().name(), "message", f.message()))
                .toList();
        m.put("feedback", all);
        m.put("feedback_all", all);
        return m;
    }

    /**
     * The part of the previous iteration's feedback that concerns one implementer: what is CRITICAL,
     * and what names its type, its slot's previous agent id or one of the files it reported then.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> concerning(
            Object all, String type, String agentId, Map<String, AgentResult> previous, int iteration) {
        AgentResult before = previous.get(AgentBatch.previousSlot(agentId, type, iteration));
        List<String> files = before == null ? List.of() : before.files();
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> f : (List<Map<String, String>>) all) {
            if (FeedbackTarget.concerns(f.get("severity"), f.get("message"), type, before, files)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Paths the change check leaves out: cfn's home (the parent of its log folder) and the logs. */
    private List<Path> excluded() {
        Path logs = agents.logDir().toAbsolutePath().normalize();
        return logs.getParent() == null ? List.of(logs) : List.of(logs.getParent(), logs);
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
