package dev.cfn.loop;

import dev.cfn.agents.Usage;
import dev.cfn.protocol.Decision;
import java.util.List;
import java.util.Map;

/**
 * The result of a run: how it ended and why, and each iteration's figures.
 *
 * @param status how it ended, or {@link RunStatus#RUNNING} for a run still in progress
 * @param spent what its agents spent in all ({@link RunCosts})
 * @param spentByIteration what they spent in each iteration (iterations without spending absent)
 */
public record RunReport(
        String runId,
        String task,
        RunStatus status,
        int iterations,
        Decision finalDecision,
        String exitReason,
        List<IterationRecord> perIteration,
        long durationMs,
        Usage spent,
        Map<Integer, Usage> spentByIteration) {
    public RunReport {
        perIteration = List.copyOf(perIteration);
        spent = spent == null ? Usage.ZERO : spent;
        spentByIteration = spentByIteration == null ? Map.of() : Map.copyOf(spentByIteration);
    }

    /** What iteration {@code iteration} spent. */
    public Usage spentIn(int iteration) {
        return spentByIteration.getOrDefault(iteration, Usage.ZERO);
    }

    public boolean proceeded() {
        return finalDecision == Decision.PROCEED;
    }
}
