package dev.cfn.loadtest;

import dev.cfn.bench.Samples;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one load test, updated by every agent slot and read by the sampler. Thread-safe:
 * counters are adders, latencies are appended under a lock (a few hundred a second at most).
 */
final class LoadMeter {
    /** Distinct failure reasons kept; others are counted under {@link #OTHER}. */
    static final int MAX_REASONS = 20;

    static final String OTHER = "(other reasons)";

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final LongAdder spawns = new LongAdder();
    private final LongAdder coordOps = new LongAdder();
    private final LongAdder rounds = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder cutShort = new LongAdder();
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final Samples spawnLatency = new Samples(4096);
    private final Samples roundTrip = new Samples(4096);
    private volatile boolean interrupted;

    /** An agent run begins. */
    void agentStarted() {
        peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    /** An agent run ended; its spawn latency counts when it succeeded. */
    void agentEnded(long spawnNanos, boolean succeeded) {
        running.decrementAndGet();
        spawns.increment();
        if (succeeded) {
            synchronized (spawnLatency) {
                spawnLatency.add(spawnNanos);
            }
        }
    }

    /** One coordinator call (a signal, a wait). */
    void coordOp() {
        coordOps.increment();
    }

    /** A round ended: the orchestrator saw its signal after {@code roundTripNanos}, or it failed. */
    void roundEnded(long roundTripNanos, String failure) {
        rounds.increment();
        if (failure == null) {
            synchronized (roundTrip) {
                roundTrip.add(roundTripNanos);
            }
        } else if (interrupted) {
            cutShort.increment(); // the run was interrupted: its agents were ended under it
        } else {
            failures.increment();
            String key = reasons.size() < MAX_REASONS || reasons.containsKey(failure) ? failure : OTHER;
            reasons.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }

    /** From now on failed rounds are counted as cut short, not as failures. */
    void interrupt() {
        interrupted = true;
    }

    boolean interrupted() {
        return interrupted;
    }

    int running() {
        return running.get();
    }

    int peakRunning() {
        return peakRunning.get();
    }

    long spawns() {
        return spawns.sum();
    }

    long coordOps() {
        return coordOps.sum();
    }

    long rounds() {
        return rounds.sum();
    }

    long failures() {
        return failures.sum();
    }

    long cutShort() {
        return cutShort.sum();
    }

    /** Failure reasons with their counts, sorted by reason. */
    Map<String, Long> reasons() {
        Map<String, Long> copy = new TreeMap<>();
        reasons.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    /** The spawn latency at {@code percent}, in milliseconds; null when no agent run succeeded. */
    Double spawnMs(double percent) {
        synchronized (spawnLatency) {
            return millis(spawnLatency, percent);
        }
    }

    /** The round trip at {@code percent}, in milliseconds; null when no round succeeded. */
    Double roundTripMs(double percent) {
        synchronized (roundTrip) {
            return millis(roundTrip, percent);
        }
    }

    private static Double millis(Samples samples, double percent) {
        return samples.count() == 0 ? null : Math.round(samples.percentile(percent) / 1_000.0) / 1_000.0;
    }
}
