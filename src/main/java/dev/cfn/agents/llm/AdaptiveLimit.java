package dev.cfn.agents.llm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many calls of one provider may be in flight at once: starts at the provider's {@code
 * max_concurrency}, halves on a 429 (once per window of calls already in flight, so a burst of 429s
 * from the same wave halves it once), and grows back by one after each {@code limit} successes
 * (additive increase, multiplicative decrease). Thread-safe.
 */
final class AdaptiveLimit {
    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int limit;
    private int inFlight;
    private int successes;
    private long started;
    private long halvedAt;

    AdaptiveLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, but was " + max);
        }
        this.max = max;
        this.limit = max;
    }

    /**
     * Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return the call's ticket (its start order), or -1 when the deadline passed first
     */
    long acquire(long deadlineNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inFlight >= limit) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                freed.awaitNanos(left);
            }
            inFlight++;
            return started++;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a call that got an answer (or an error other than a 429). */
    void succeeded() {
        release(false, 0);
    }

    /** Ends the call {@code ticket} that was rate limited. */
    void rateLimited(long ticket) {
        release(true, ticket);
    }

    /** Ends a call that got no verdict (abandoned, timed out). */
    void abandoned() {
        lock.lock();
        try {
            inFlight--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release(boolean limited, long ticket) {
        lock.lock();
        try {
            inFlight--;
            if (limited) {
                successes = 0;
                if (ticket >= halvedAt) { // calls started before the last halving do not halve again
                    limit = Math.max(1, limit / 2);
                    halvedAt = started;
                }
            } else if (limit < max && ++successes >= limit) {
                successes = 0;
                limit++;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current limit. */
    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }
}
