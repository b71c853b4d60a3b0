package dev.cfn.bench;

import java.util.Locale;

/** Human-readable durations: ns, us or ms with three significant digits. */
public final class Durations {
    private Durations() {}

    public static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return number(nanos / 1_000.0) + " us";
        }
        if (nanos < 10_000_000_000L) {
            return number(nanos / 1_000_000.0) + " ms";
        }
        return number(nanos / 1_000_000_000.0) + " s";
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A speed-up ratio: {@code 1234x}, {@code 12.3x}, {@code 0.51x}. */
    public static String ratio(double ratio) {
        return number(ratio) + "x";
    }
}
