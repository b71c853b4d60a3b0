package dev.cfn.agents.process;

import dev.cfn.agents.AgentInvocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The warm processes of one agent type: the idle ones in a queue, and every live one for closing. */
final class WarmGroup {
    private final WarmPool pool;
    private final AgentInvocation template;
    private final LinkedBlockingQueue<WarmWorker> idle = new LinkedBlockingQueue<>();
    private final List<WarmWorker> all = new ArrayList<>();
    private int started;

    WarmGroup(WarmPool pool, AgentInvocation first, int size) {
        this.pool = pool;
        this.template = first;
        try {
            for (int i = 0; i < size; i++) {
                add(pool.startWorker(first, ++started));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private synchronized void add(WarmWorker worker) {
        all.add(worker);
        idle.add(worker);
    }

    /** An idle, live worker, or null when none frees up within {@code timeout}. */
    WarmWorker take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (all.isEmpty() && !pool.closed()) {
                add(pool.startWorker(template, ++started)); // every replacement failed: try once more now
            }
        }
        while (true) {
            WarmWorker worker = idle.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (worker == null || worker.isAlive()) {
                return worker;
            }
            replace(worker); // died while idle: its replacement joins the queue
        }
    }

    void release(WarmWorker worker) {
        idle.add(worker);
    }

    /** Kills {@code worker} and starts another in the background. */
    void replace(WarmWorker worker) {
        synchronized (this) {
            all.remove(worker);
        }
        pool.retire(worker, false);
        if (!pool.closed()) {
            Thread.ofVirtual().name("cfn-warm-replace").start(this::startReplacement);
        }
    }

    private void startReplacement() {
        int index;
        synchronized (this) {
            index = ++started;
        }
        try {
            WarmWorker worker = pool.startWorker(template, index);
            if (pool.closed()) {
                pool.retire(worker, false);
            } else {
                add(worker);
            }
        } catch (RuntimeException e) {
            // cannot start now: the group runs with one fewer; tasks wait for the others or time out
        }
    }

    int idleCount() {
        return idle.size();
    }

    synchronized int liveCount() {
        return all.size();
    }

    void close() {
        List<WarmWorker> workers;
        synchronized (this) {
            workers = List.copyOf(all);
            all.clear();
        }
        idle.clear();
        workers.parallelStream().forEach(w -> pool.retire(w, true));
    }
}
