package dev.cfn.skills.bench;

import java.util.List;

/**
 * The outcome of a run: one row per operation, in print order, and what it ran on.
 *
 * @param generationNanos how long generating the benchmark data took
 */
public record BenchReport(
        List<BenchRow> rows, DataShape shape, long generationNanos, boolean quick, boolean baseline, String jvm) {
    public BenchReport {
        rows = List.copyOf(rows);
    }

    /** Whether every row with a target met it. */
    public boolean allPassed() {
        return rows.stream().noneMatch(r -> r.verdict().equals("FAIL"));
    }
}
