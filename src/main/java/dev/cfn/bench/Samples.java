package dev.cfn.bench;

import java.util.Arrays;

/** Measured durations in nanoseconds and their percentiles (nearest rank). Not thread-safe. */
public final class Samples {
    private long[] values;
    private int size;

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
     * The smallest sample at or above {@code percent} of all samples.
     *
     * @throws IllegalStateException if there are no samples
     */
    public long percentile(double percent) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }

    public long p50() {
        return percentile(50);
    }

    public long p99() {
        return percentile(99);
    }
}
