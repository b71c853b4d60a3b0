package dev.cfn.bench;

import java.util.Arrays;

/**
 * Measured durations in nanoseconds and their percentiles, the one rank rule of every cfn
 * benchmark: nearest rank, the smallest sample at or above {@code percent} of all samples (so p50
 * of an even count is the lower middle sample, p100 the slowest). Not thread-safe.
 */
public final class Samples {
    private long[] values;
    private int size;
    private boolean sorted = true;

    public Samples(int expected) {
        this.values = new long[Math.max(1, expected)];
    }

    public static Samples of(long... nanos) {
        Samples s = new Samples(nanos.length);
        for (long n : nanos) {
            s.add(n);
        }
        return s;
    }

    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
        sorted = false;
    }

    /** Adds every sample of {@code other} (e.g. merging per-thread samples). */
    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int count() {
        return size;
    }

    /**
     * The smallest sample at or above {@code percent} (0 to 100) of all samples, in nanoseconds.
     *
     * @throws IllegalStateException if there are no samples
     */
    public long percentile(double percent) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return values[Math.min(size, Math.max(1, rank)) - 1];
    }

    public long p50() {
        return percentile(50);
    }

    public long p99() {
        return percentile(99);
    }

    /** The slowest sample. */
    public long max() {
        return percentile(100);
    }

    /**
     * The arithmetic mean in nanoseconds.
     *
     * @throws IllegalStateException if there are no samples
     */
    public double mean() {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        return Arrays.stream(values, 0, size).average().orElseThrow();
    }

    /** {@link #percentile} in microseconds. */
    public double percentileMicros(double percent) {
        return percentile(percent) / 1e3;
    }

    /** {@link #percentile} in milliseconds. */
    public double percentileMillis(double percent) {
        return percentile(percent) / 1e6;
    }
}
