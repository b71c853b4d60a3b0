package dev.cfn.skills.bench;

/**
 * A figure of the seed's performance reference, as printed there and as a number: nanoseconds
 * for a time (a range counts by its fastest end, so ratios are never flattering), a fraction for
 * a rate.
 */
public record SeedFigure(String text, double value) {
    public static final SeedFigure NONE = new SeedFigure("-", Double.NaN);

    public static SeedFigure millis(String text, double ms) {
        return new SeedFigure(text, ms * 1_000_000);
    }

    public boolean exists() {
        return !Double.isNaN(value);
    }
}
