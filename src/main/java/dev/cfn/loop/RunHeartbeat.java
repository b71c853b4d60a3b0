package dev.cfn.loop;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Marks a run as alive every {@link #PERIOD_MS} while this process drives it, so {@code cfn loop
 * resume} can tell a dead orchestrator from a live one; records how long it has been driven, and
 * lets its {@link RunWatch} look for a cancel request and the end of its duration budget.
 */
public final class RunHeartbeat implements AutoCloseable {
    static final long PERIOD_MS = 2_000;
    /** A run whose heartbeat is older than this is taken to have lost its orchestrator. */
    public static final long STALE_MS = 10_000;

    private final ScheduledExecutorService timer;

    RunHeartbeat(RunStore store, String runId, Clock clock, RunWatch watch) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "cfn-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> beat(store, runId, clock, watch), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private static void beat(RunStore store, String runId, Clock clock, RunWatch watch) {
        try {
            store.heartbeat(runId, clock.millis(), watch.activeMs());
            watch.tick();
        } catch (RuntimeException e) {
            // a missed beat only makes the run look idle for a while; the next beat retries
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
