package dev.cfn.cli.loop;

import dev.cfn.cli.Output;
import dev.cfn.loop.IterationRecord;
import dev.cfn.loop.RunReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON and text shapes of loop runs. */
final class LoopViews {
    private LoopViews() {}

    static Map<String, Object> report(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("task", r.task());
        m.put("status", r.status());
        m.put("iterations", r.iterations());
        m.put("final_decision", r.finalDecision());
        m.put("exit_reason", r.exitReason());
        m.put("duration_ms", r.durationMs());
        m.put(
                "per_iteration",
                r.perIteration().stream().map(LoopViews::iteration).toList());
        return m;
    }

    static Map<String, Object> iteration(IterationRecord it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", it.iteration());
        m.put("loop3_confidence", it.gateScore());
        m.put("gate_passed", it.gatePassed());
        m.put("loop2_consensus", it.consensusScore());
        m.put("consensus_passed", it.consensusPassed());
        m.put("deliverables_verified", it.deliverablesOk());
        m.put("deliverable_problems", it.deliverableProblems());
        m.put("decision", it.decision());
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

    static void print(Output out, RunReport r) {
        out.line("run " + r.runId() + ": " + r.status() + " after " + r.iterations() + " iteration(s), "
                + r.durationMs() + " ms");
        out.line("decision: " + (r.finalDecision() == null ? "-" : r.finalDecision()) + " - "
                + (r.exitReason() == null ? "-" : r.exitReason()));
        out.table(
                List.of("ITER", "GATE", "CONSENSUS", "DELIVERABLES", "DECISION", "REASON"),
                r.perIteration().stream()
                        .map(it -> java.util.Arrays.<Object>asList(
                                it.iteration(),
                                it.gateScore(),
                                it.consensusScore(),
                                it.deliverablesOk(),
                                it.decision(),
                                it.reason()))
                        .toList());
    }
}
