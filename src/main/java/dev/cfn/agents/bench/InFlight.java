package dev.cfn.agents.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted server's requests being answered: how many at once (and the most so far), and a reply delay. */
final class InFlight {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    private final java.util.List<Integer> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();

    void enter() {
        int n = now.incrementAndGet();
        arrivals.add(n);
        max.accumulateAndGet(n, Math::max);
    }

    /** For each request in order of arrival, how many were being answered then (itself included). */
    java.util.List<Integer> arrivals() {
        return java.util.List.copyOf(arrivals);
    }

    /** Forgets the arrivals so far. */
    void clearArrivals() {
        arrivals.clear();
    }

    /** The request is answered (its reply about to be written); true, for callers that note it. */
    boolean exit() {
        now.decrementAndGet();
        return true;
    }

    void latency(Duration delay) {
        latency = delay;
    }

    /** Waits the configured latency (the server's own thread: a slow model, not a test sleep). */
    void delay() {
        Duration d = latency;
        if (!d.isZero()) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int max() {
        return max.get();
    }

    void reset() {
        max.set(now.get());
    }
}
