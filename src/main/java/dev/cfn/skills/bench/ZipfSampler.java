package dev.cfn.skills.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to {@code 1 / (rank + 1)^s} (Zipf's law), by
 * binary search over the cumulative distribution. Seeded, so runs repeat. Not thread-safe.
 */
public final class ZipfSampler {
    private final double[] cumulative;
    private final SplittableRandom random;

    public ZipfSampler(int n, double exponent, long seed) {
        if (n < 1 || exponent <= 0) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and s > 0, but was n=" + n + ", s=" + exponent);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        random = new SplittableRandom(seed);
    }

    public int next() {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }

    /** The share of draws that fall on the {@code top} most likely ranks: the best hit rate of a cache that size. */
    public double topShare(long top) {
        if (top <= 0) {
            return 0;
        }
        return cumulative[(int) Math.min(cumulative.length, top) - 1];
    }
}
