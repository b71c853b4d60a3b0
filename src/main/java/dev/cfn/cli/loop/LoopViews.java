package dev.cfn.cli.loop;

import dev.cfn.cli.Output;
import dev.cfn.loop.RunJson;
import dev.cfn.loop.RunReport;
import java.util.List;
import java.util.Map;

/** The text shapes of loop runs (the JSON shapes are {@link RunJson}). */
final class LoopViews {
    private LoopViews() {}

    static Map<String, Object> report(RunReport r) {
        return RunJson.report(r);
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
