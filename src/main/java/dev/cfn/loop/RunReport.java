package dev.cfn.loop;

import java.util.List;

/**
 * The result of a run: how it ended and why, and each iteration's figures.
 *
 * @param status success, failed, aborted (or running for a run still in progress)
 */
public record RunReport(
        String runId,
        String task,
        String status,
        int iterations,
        String finalDecision,
        String exitReason,
        List<IterationRecord> perIteration,
        long durationMs) {
    public RunReport {
        perIteration = List.copyOf(perIteration);
    }

    public boolean proceeded() {
        return "PROCEED".equals(finalDecision);
    }
}
