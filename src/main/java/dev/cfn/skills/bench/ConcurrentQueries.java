package dev.cfn.skills.bench;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Started threads that each run one query per round, all released at once by a barrier; a round
 * ends when the last of them is done, so its duration is the wall time of the whole burst.
 */
final class ConcurrentQueries implements AutoCloseable {
    private final int threads;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final Thread[] workers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile IntFunction<Object> query;
    private volatile boolean closing;

    ConcurrentQueries(int threads) {
        this.threads = threads;
        this.start = new CyclicBarrier(threads + 1);
        this.done = new CyclicBarrier(threads + 1);
        this.workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = Thread.ofPlatform().daemon().name("bench-query-" + t).start(() -> work(index));
        }
    }

    private void work(int index) {
        try {
            while (true) {
                start.await();
                if (closing) {
                    return;
                }
                try {
                    query.apply(index);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
                done.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one round: thread t runs {@code query.apply(t)}; returns when all are done. */
    Object runRound(IntFunction<Object> roundQuery) throws InterruptedException, BrokenBarrierException {
        this.query = roundQuery;
        start.await();
        done.await();
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a concurrent query failed: " + e.getMessage(), e);
        }
        return threads;
    }

    @Override
    public void close() {
        closing = true;
        start.reset();
        done.reset();
        for (Thread w : workers) {
            w.interrupt();
        }
    }
}
