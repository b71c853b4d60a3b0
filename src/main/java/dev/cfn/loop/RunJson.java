package dev.cfn.loop;

import dev.cfn.agents.AgentResult;
import dev.cfn.protocol.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of loop runs, one definition shared by the CLI's {@code --json} output and the
 * HTTP API. Keys are snake_case.
 */
public final class RunJson {
    private RunJson() {}

    /** A run's report: how it ended and each iteration's figures. */
    public static Map<String, Object> report(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("task", r.task());
        m.put("status", r.status().label());
        m.put("iterations", r.iterations());
        m.put("final_decision", name(r.finalDecision()));
        m.put("exit_reason", r.exitReason());
        m.put("duration_ms", r.durationMs());
        m.put("per_iteration", r.perIteration().stream().map(RunJson::iteration).toList());
        return m;
    }

    public static Map<String, Object> iteration(IterationRecord it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", it.iteration());
        m.put("loop3_confidence", it.gateScore());
        m.put("gate_passed", it.gatePassed());
        m.put("loop2_consensus", it.consensusScore());
        m.put("consensus_passed", it.consensusPassed());
        m.put("deliverables_verified", it.deliverablesOk());
        m.put("deliverable_problems", it.deliverableProblems());
        m.put("decision", name(it.decision()));
        m.put("reason", it.reason());
        m.put(
                "feedback",
                it.feedback().stream()
                        .map(f -> {
                            Map<String, Object> one = new LinkedHashMap<>(); // severity first, always
                            one.put("severity", f.severity().name());
                            one.put("message", f.message());
                            return one;
                        })
                        .toList());
        return m;
    }

    /** One row of a run list. */
    public static Map<String, Object> summary(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.id());
        m.put("status", r.status().label());
        m.put("mode", r.mode());
        m.put("iterations", r.iterations());
        m.put("final_decision", name(r.finalDecision()));
        m.put("started", Instant.ofEpochMilli(r.createdMs()).toString());
        m.put("task", r.task());
        return m;
    }

    /** Every stored agent result of a run, iteration by iteration. */
    public static List<Map<String, Object>> agents(RunStore store, RunRecord run) {
        List<Map<String, Object>> agents = new ArrayList<>();
        for (int i = 1; i <= run.iterations(); i++) {
            for (AgentResult r : store.results(run.id(), i).values()) {
                agents.add(agent(i, r));
            }
        }
        return agents;
    }

    static Map<String, Object> agent(int iteration, AgentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("agent_id", r.agentId());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("confidence", r.confidence());
        m.put("confidence_reason", r.confidenceReason());
        m.put("decision", name(r.decision()));
        m.put("exit_code", r.exitCode());
        m.put("duration_ms", r.duration().toMillis());
        m.put("summary", r.summary());
        return m;
    }

    private static String name(Decision d) {
        return d == null ? null : d.name();
    }

    /** {@code cfn loop show} / {@code GET /api/loops/{id}}: the report, the settings and every agent result. */
    public static Map<String, Object> details(RunStore store, RunRecord run, long nowMs) {
        Map<String, Object> doc = report(store.report(run.id(), nowMs));
        doc.put("settings", run.settings());
        doc.put("agents", agents(store, run));
        return doc;
    }
}
