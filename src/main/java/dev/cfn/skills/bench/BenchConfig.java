package dev.cfn.skills.bench;

import java.nio.file.Path;

/**
 * How to run the benchmarks.
 *
 * @param quick a short run: fewer warm-up and measured iterations (figures are noisier)
 * @param baselineScript {@code bench/seed-baseline.sh} to run on a copy of the same data, or null
 *     to skip the baseline
 */
public record BenchConfig(boolean quick, Path baselineScript) {
    /** The iteration count for a full run, or the quick one. */
    int n(int full, int quickCount) {
        return quick ? quickCount : full;
    }

    public boolean baseline() {
        return baselineScript != null;
    }
}
