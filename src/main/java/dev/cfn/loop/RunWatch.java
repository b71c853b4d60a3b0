package dev.cfn.loop;

import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Usage;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches one run while this process drives it, and stops it when it must: when it spends past its
 * {@link Budget} (checked before every agent starts, at each progress report and result, and on
 * each heartbeat for its duration) or when someone asks to cancel it (read on each heartbeat and
 * before every agent starts). Stopping interrupts the agents running now (a process agent's tree is
 * killed), tells a streaming agent's runtime {@link ProgressListener.StopAgent} at its next report,
 * and lets no agent start; the batch then ends the run ({@link RunStoppedException}). A result that
 * goes past the budget while no other agent runs stops nothing yet: the next agent start does, so a
 * decision already reached is never thrown away. Thread-safe.
 */
final class RunWatch {
    private final RunStore store;
    private final String runId;
    private final Budget budget;
    private final Clock clock;
    private final Usage before;
    private final long activeBeforeMs;
    private final long startMs;
    private final Map<String, Usage> live = new ConcurrentHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private Usage settled = Usage.ZERO; // guarded by this
    private volatile String stopReason;

    private RunWatch(RunStore store, String runId, Budget budget, Clock clock, Usage before, long activeBeforeMs) {
        this.store = store;
        this.runId = runId;
        this.budget = budget;
        this.clock = clock;
        this.before = before;
        this.activeBeforeMs = activeBeforeMs;
        this.startMs = clock.millis();
    }

    /** Starts watching {@code runId}, counting what earlier drives of it spent and how long they took. */
    static RunWatch start(RunStore store, RunCosts costs, String runId, Budget budget, Clock clock) {
        return new RunWatch(store, runId, budget, clock, costs.ofRun(runId), store.activeMs(runId));
    }

    /** What the run has spent so far: stored, settled here, and reported by running agents. */
    Budget.Spent spent() {
        Usage total;
        synchronized (this) {
            total = before.plus(settled);
        }
        for (Usage u : live.values()) {
            total = total.plus(u);
        }
        return new Budget.Spent(total.costUsd(), total.totalTokens(), activeMs());
    }

    /** How long orchestrators have driven the run, this one included. */
    long activeMs() {
        return activeBeforeMs + Math.max(0, clock.millis() - startMs);
    }

    boolean stopping() {
        return stopReason != null;
    }

    String stopReason() {
        return stopReason;
    }

    /**
     * Stops the run unless it may go on (a cancel requested, a budget spent).
     *
     * @throws RunStoppedException if it is stopping
     */
    void check() {
        if (stopReason == null) {
            store.cancelRequested(runId).ifPresent(who -> stop("cancelled by " + who));
        }
        if (stopReason == null) {
            budget.exceeded(spent()).ifPresent(b -> stop(b.reason()));
        }
        if (stopReason != null) {
            throw new RunStoppedException(stopReason);
        }
    }

    /**
     * The agent {@code agentId} is about to start on this thread: a stop from now on interrupts it.
     *
     * @throws RunStoppedException if the run is stopping (the agent must not start)
     */
    void starting(String agentId) {
        running.put(agentId, Thread.currentThread());
        check();
    }

    /**
     * The agent left its runtime: no stop interrupts this thread from now on (so a caller that then
     * sees {@link #stopping()} may clear the interrupt flag safely).
     */
    void ended(String agentId) {
        running.remove(agentId);
    }

    /**
     * Wraps what an agent's runtime tells: the run's budget is checked at each report, and so is the
     * agent's own {@code max_cost_usd}; either being spent throws {@link ProgressListener.StopAgent}
     * to the runtime (the run's stops it too, an agent's own fails only that agent).
     */
    ProgressListener follow(String agentId, Double agentMaxCostUsd, ProgressListener told) {
        return progress -> {
            told.on(progress);
            live.put(agentId, progress.usage());
            if (stopReason == null) {
                budget.exceeded(spent()).ifPresent(b -> stop(b.reason()));
            }
            if (stopReason != null) {
                throw new ProgressListener.StopAgent(stopReason);
            }
            Budget.agentExceeded(agentMaxCostUsd, progress.usage().costUsd()).ifPresent(reason -> {
                throw new ProgressListener.StopAgent(reason);
            });
        };
    }

    /**
     * The agent's spending is final (its result stored, or it was ended by the stop). Past the budget,
     * this stops the run if other agents still run (they are ended); else the next start will.
     */
    void settled(String agentId, Usage usage) {
        synchronized (this) {
            settled = settled.plus(usage);
        }
        live.remove(agentId);
        if (stopReason == null && !running.isEmpty()) {
            budget.exceeded(spent()).ifPresent(b -> stop(b.reason()));
        }
    }

    /** On each heartbeat: a cancel request, or the duration budget spent, stops the run now. */
    void tick() {
        if (stopReason != null) {
            return;
        }
        store.cancelRequested(runId).ifPresent(who -> stop("cancelled by " + who));
        if (stopReason == null) {
            budget.exceeded(spent()).ifPresent(b -> stop(b.reason()));
        }
    }

    /** Stops the run with {@code reason} (the first reason wins) and interrupts its running agents. */
    void stop(String reason) {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
        }
        Thread self = Thread.currentThread();
        for (String agentId : running.keySet()) {
            // atomic with ended(): an agent that left its runtime is never interrupted afterwards
            running.computeIfPresent(agentId, (id, thread) -> {
                if (thread != self) {
                    thread.interrupt();
                }
                return thread;
            });
        }
    }
}
