package dev.cfn.skills.bench;

import dev.cfn.bench.Samples;
import java.util.Objects;

/**
 * One row of the benchmark table: what is measured, the seed's figure, the target and the
 * operation of {@code bench/seed-baseline.sh} it compares with (null: none).
 *
 * @param rate whether the figure is a rate (higher is better) rather than a time
 */
public record Operation(String key, String label, boolean rate, SeedFigure seed, Target target, String baselineKey) {
    public Operation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(target, "target");
    }

    /** The row of a measured time. */
    public BenchRow measured(Samples samples) {
        return new BenchRow(this, samples.p50(), samples.p99(), samples.count(), null, "");
    }

    /** The row of a rate (no p99). */
    public BenchRow rate(double value, int samples, String note) {
        return new BenchRow(this, value, Double.NaN, samples, null, note);
    }
}
