package dev.cfn.skills.bench;

/**
 * One measured row: p50 and p99 in nanoseconds (a rate in {@code p50} for rate rows), the
 * number of samples, and the seed-style baseline's p50 of the same run when one was measured.
 */
public record BenchRow(Operation operation, double p50, double p99, int samples, Double baselineP50, String note) {
    public BenchRow {
        note = note == null ? "" : note;
    }

    public BenchRow withBaseline(Double baseline) {
        return new BenchRow(operation, p50, p99, samples, baseline, note);
    }

    /** How many times better than the seed's figure: seed / ours for times, ours / seed for rates. */
    public Double seedRatio() {
        SeedFigure seed = operation.seed();
        if (!seed.exists() || p50 <= 0) {
            return null;
        }
        return operation.rate() ? p50 / seed.value() : seed.value() / p50;
    }

    /** How many times faster than the seed-style baseline of this run (null: not measured). */
    public Double baselineSpeedup() {
        return baselineP50 == null || p50 <= 0 ? null : baselineP50 / p50;
    }

    /** PASS, FAIL, or "-" without a target. */
    public String verdict() {
        Target target = operation.target();
        if (!target.exists()) {
            return "-";
        }
        return target.met(p50, baselineSpeedup()) ? "PASS" : "FAIL";
    }
}
