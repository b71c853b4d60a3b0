package dev.cfn.skills.bench;

import dev.cfn.bench.Samples;

/**
 * Times an operation many times with {@link System#nanoTime}: first untimed warm-up iterations
 * (the JIT compiles the path), then the measured ones, each preceded by an untimed preparation.
 */
final class Measure {
    /** The timed work of iteration {@code i}; its result is consumed so it cannot be optimised away. */
    @FunctionalInterface
    interface Step {
        Object run(int i) throws Exception;
    }

    /** Untimed work before iteration {@code i} (writing the file an update reads, say). */
    @FunctionalInterface
    interface Prepare {
        void run(int i) throws Exception;

        Prepare NOTHING = i -> {};
    }

    private static volatile int sink;

    private final BenchProgress progress;

    Measure(BenchProgress progress) {
        this.progress = progress;
    }

    Samples time(String phase, int warmup, int count, Prepare prepare, Step step) {
        int total = warmup + count;
        int every = Math.max(1, total / 100);
        Samples samples = new Samples(count);
        try {
            for (int i = 0; i < total; i++) {
                prepare.run(i);
                long start = System.nanoTime();
                Object result = step.run(i);
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    samples.add(elapsed);
                }
                if (result == null) {
                    sink++;
                }
                if (i % every == 0) {
                    progress.update(phase, i, total);
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(phase + ": " + e.getMessage(), e);
        }
        progress.update(phase, total, total);
        return samples;
    }

    Samples time(String phase, int warmup, int count, Step step) {
        return time(phase, warmup, count, Prepare.NOTHING, step);
    }
}
