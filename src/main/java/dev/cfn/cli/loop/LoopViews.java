package dev.cfn.cli.loop;

import dev.cfn.agents.Usage;
import dev.cfn.cli.Output;
import dev.cfn.loop.Budget;
import dev.cfn.loop.RunReport;
import dev.cfn.loop.session.RunJson;
import java.util.List;
import java.util.Locale;
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
        out.line("spent: " + spent(r.spent()));
        out.table(
                List.of("ITER", "GATE", "CONSENSUS", "DELIVERABLES", "COST", "DECISION", "REASON"),
                r.perIteration().stream()
                        .map(it -> java.util.Arrays.<Object>asList(
                                it.iteration(),
                                it.gateScore(),
                                it.consensusScore(),
                                it.deliverablesOk(),
                                Budget.usd(r.spentIn(it.iteration()).costUsd()),
                                it.decision(),
                                it.reason()))
                        .toList());
    }

    /** {@code --max-cost-usd $2.00, --max-tokens 500,000, --max-duration 30m}: the limits set. */
    static String budget(Budget b) {
        java.util.List<String> limits = new java.util.ArrayList<>();
        if (b.maxCostUsd() != null) {
            limits.add("--max-cost-usd " + Budget.usd(b.maxCostUsd()));
        }
        if (b.maxTokens() != null) {
            limits.add(String.format(Locale.ROOT, "--max-tokens %,d", b.maxTokens()));
        }
        if (b.maxDurationMs() != null) {
            limits.add("--max-duration " + b.durationText());
        }
        return String.join(", ", limits);
    }

    /** {@code $0.0123, 1,234 tokens (1,000 in, 234 out; cache 0 read, 0 written), 2 turns}. */
    static String spent(Usage u) {
        return String.format(
                Locale.ROOT,
                "%s, %,d tokens (%,d in, %,d out; cache %,d read, %,d written), %d turn%s",
                Budget.usd(u.costUsd()),
                u.totalTokens(),
                u.inputTokens(),
                u.outputTokens(),
                u.cacheReadTokens(),
                u.cacheWriteTokens(),
                u.turns(),
                u.turns() == 1 ? "" : "s");
    }
}
