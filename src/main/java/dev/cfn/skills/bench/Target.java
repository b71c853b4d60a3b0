package dev.cfn.skills.bench;

import dev.cfn.bench.Durations;

/**
 * A target of the issue for one row: a limit on the p50 (at most, for times in nanoseconds; at
 * least, for rates) and optionally a minimum speed-up over the seed-style baseline of the same run.
 */
public record Target(String text, double limit, boolean atLeast, double minBaselineSpeedup) {
    public static final Target NONE = new Target("-", Double.NaN, false, 0);

    public static Target atMostMicros(double micros) {
        return new Target("p50 <= " + Durations.format((long) (micros * 1000)), micros * 1000, false, 0);
    }

    public static Target atLeastRate(double rate) {
        return new Target(">= " + Math.round(rate * 100) + "%", rate, true, 0);
    }

    /** The same limit, and at least {@code speedup} times faster than the baseline. */
    public Target andBaselineSpeedup(double speedup) {
        return new Target(text + ", >= " + Math.round(speedup) + "x baseline", limit, atLeast, speedup);
    }

    public boolean exists() {
        return !Double.isNaN(limit);
    }

    /**
     * Whether the value meets the target; the baseline part counts only when a baseline was run.
     *
     * @param baselineSpeedup baseline p50 / our p50, or null without a baseline
     */
    public boolean met(double value, Double baselineSpeedup) {
        boolean within = atLeast ? value >= limit : value <= limit;
        if (minBaselineSpeedup > 0 && baselineSpeedup != null) {
            return within && baselineSpeedup >= minBaselineSpeedup;
        }
        return within;
    }
}
