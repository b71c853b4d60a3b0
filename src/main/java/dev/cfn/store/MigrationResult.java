package dev.cfn.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SqliteToPostgres} did: the rows each table holds on both sides afterwards, the rows
 * it sent in this run (fewer than the total when it resumed a cut-short run), how long the copy
 * took, and the verification.
 *
 * @param tableRows rows per table, equal in source and target once verified
 * @param rowsSent rows sent to the target by this run
 * @param copyTime wall-clock time of the copy (not the verification)
 * @param versionsVerified skill versions whose content hash was checked on the target
 * @param problems verification failures, one line each; empty when the copy is exact
 */
public record MigrationResult(
        String source,
        String target,
        Mode mode,
        Map<String, Long> tableRows,
        long rowsSent,
        Duration copyTime,
        Duration verifyTime,
        long versionsVerified,
        List<String> problems) {

    /** How the run began: on an empty target, resuming its own cut-short run, or replacing data. */
    public enum Mode {
        FRESH,
        RESUMED,
        REPLACED
    }

    public MigrationResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        tableRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tableRows));
        problems = List.copyOf(problems);
    }

    public long totalRows() {
        return tableRows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows sent per second of copy time. */
    public double rowsPerSecond() {
        double seconds = copyTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsSent / seconds;
    }

    public boolean verified() {
        return problems.isEmpty();
    }
}
