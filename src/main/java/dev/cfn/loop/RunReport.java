package dev.cfn.loop;

import dev.cfn.protocol.Decision;
import java.util.List;

/**
 * The result of a run: how it ended and why, and each iteration's figures.
 *
 * @param status how it ended, or {@link RunStatus#RUNNING} for a run still in progress
 */
public record RunReport(
        String runId,
        String task,
        RunStatus status,
        int iterations,
        Decision finalDecision,
        String exitReason,
        List<IterationRecord> perIteration,
        long durationMs) {
    public RunReport {
        perIteration = List.copyOf(perIteration);
    }

    public boolean proceeded() {
        return finalDecision == Decision.PROCEED;
    }
}
