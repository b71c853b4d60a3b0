package dev.cfn.coord.bench;

import dev.cfn.RetriableException;
import dev.cfn.bench.Samples;
import dev.cfn.coord.Completion;
import dev.cfn.coord.Coordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The measurements of {@code cfn coord bench}, each run against a given {@link Coordinator} so
 * local and Redis are measured the same way in the same run. Sleeps here only let a waiter block
 * before it is signalled; they are never part of a measured interval.
 */
public final class CoordBenchmark {
    private static final String AGENT = "bench-agent";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Coordinator coordinator;

    public CoordBenchmark(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * PING round trips, each after an idle {@code gap}: the same conditions as {@link
     * #signalToWake}, whose threads have also been idle for the settle time, so the two compare.
     * A zero gap measures back-to-back round trips (hot threads), the best case.
     */
    public Latency ping(int rounds, Duration gap) {
        int warmup = Math.max(10, rounds / 10);
        Samples samples = new Samples(rounds);
        for (int i = 0; i < rounds + warmup; i++) {
            if (!gap.isZero()) {
                LockSupport.parkNanos(gap.toNanos());
            }
            long rtt = coordinator.ping().toNanos();
            if (i >= warmup) {
                samples.add(rtt);
            }
        }
        return Latency.of(samples);
    }

    /**
     * From the moment a signal is sent to the moment the blocked waiter has its payload. Each round
     * arms a waiter, lets it block for {@code settle}, then signals.
     */
    public Latency signalToWake(String task, int rounds, Duration settle) {
        int warmup = Math.max(10, rounds / 10);
        Samples samples = new Samples(rounds);
        try (ExecutorService waiter = Executors.newSingleThreadExecutor()) {
            for (int i = 0; i < rounds + warmup; i++) {
                long sample = oneWake(waiter, task, settle);
                if (i >= warmup) {
                    samples.add(sample);
                }
            }
        }
        return Latency.of(samples);
    }

    private long oneWake(ExecutorService waiter, String task, Duration settle) {
        CountDownLatch armed = new CountDownLatch(1);
        Future<Long> woke = waiter.submit(() -> {
            armed.countDown();
            if (coordinator.await(task, AGENT, WAIT).isEmpty()) {
                throw new IllegalStateException("the benchmark's signal was lost");
            }
            return System.nanoTime();
        });
        awaitQuietly(armed);
        LockSupport.parkNanos(settle.toNanos());
        long sent = System.nanoTime();
        coordinator.signal(task, AGENT, Completion.of("complete"));
        return get(woke) - sent;
    }

    /** A 50-field context written pipelined, then field by field, {@code repetitions} times each. */
    public ContextWrite contextWrite(String task, int fields, int repetitions) {
        Map<String, String> context = new HashMap<>();
        for (int f = 0; f < fields; f++) {
            context.put("field_" + f, "value of field " + f + " ".repeat(40));
        }
        List<Map<String, String>> single = context.entrySet().stream()
                .map(e -> Map.of(e.getKey(), e.getValue()))
                .toList();
        int warmup = Math.max(3, repetitions / 10);
        timed(warmup, () -> coordinator.putContext(task, context));
        timed(warmup, () -> single.forEach(field -> coordinator.putContext(task, field)));
        double pipelinedSec = timed(repetitions, () -> coordinator.putContext(task, context));
        double perFieldSec = timed(repetitions, () -> single.forEach(field -> coordinator.putContext(task, field)));
        double total = (double) fields * repetitions;
        return new ContextWrite(fields, repetitions, total / pipelinedSec, total / perFieldSec);
    }

    /**
     * {@code agents} agents, each on its own virtual thread, signal (confidence, result, payload)
     * one orchestrator waiting on all of them.
     *
     * @param memory reads the memory figure to compare before and after
     */
    public FanIn fanIn(String task, int agents, LongSupplier memory) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            ids.add("coder-1-" + i);
        }
        long memoryBefore = memory.getAsLong();
        try (ExecutorService orchestratorThread = Executors.newSingleThreadExecutor()) {
            var orchestrator = orchestratorThread.submit(() -> coordinator.awaitSignals(task, ids, agents, WAIT));
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            long start = System.nanoTime();
            try (ExecutorService agentThreads = Executors.newVirtualThreadPerTaskExecutor()) {
                Completion done = new Completion("complete", 0.9, Map.of("result", "{\"files\":1}"));
                ids.forEach(id -> agentThreads.submit(() -> coordinator.signal(task, id, done)));
            }
            int arrived = get(orchestrator).arrived().size();
            double totalMs = (System.nanoTime() - start) / 1e6;
            long grown = memory.getAsLong() - memoryBefore;
            long keysLeft = coordinator.stats().totalKeys();
            coordinator.cleanup(task);
            return new FanIn(
                    agents,
                    arrived,
                    totalMs,
                    grown,
                    keysLeft,
                    coordinator.stats().totalKeys());
        }
    }

    /** The JVM's used heap after a full collection, as a rough memory figure for local runs. */
    public static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double timed(int repetitions, Runnable work) {
        long start = System.nanoTime();
        for (int i = 0; i < repetitions; i++) {
            work.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the benchmark's waiter did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("benchmark interrupted", e);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("benchmark interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("benchmark step failed: " + cause, cause);
        }
    }
}
