package dev.cfn.loop.session;

import dev.cfn.ConflictException;
import dev.cfn.NotFoundException;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.loop.RunHeartbeat;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import java.time.Clock;

/**
 * Cancels a running run from any process ({@code cfn loop cancel}, the API, the dashboard): the
 * request is stored in the run's row, and the orchestrator driving it reads it on its next heartbeat
 * or agent start, ends the running agents and stores the run as stopped with the reason {@code
 * cancelled by <who>} (resumable). A run whose orchestrator is gone (no heartbeat for {@link
 * RunHeartbeat#STALE_MS}) is stopped here at once, its leftover agents ended when they ran on this
 * machine.
 */
public final class RunCancel {
    /** What a cancel did. */
    public enum Outcome {
        /** The orchestrator will stop the run within a heartbeat. */
        REQUESTED,
        /** No orchestrator drives the run: it was stopped now. */
        STOPPED
    }

    private RunCancel() {}

    /**
     * @param who who cancels: the OS user, {@code api}
     * @throws NotFoundException if no such run exists
     * @throws ConflictException if the run is not running (it ended, or was stopped already)
     */
    public static Outcome request(RunStore store, String runId, String who, Clock clock) {
        RunRecord run = store.run(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
        requireRunning(run);
        if (orphaned(run, clock)) {
            return stopOrphan(store, run, who, clock);
        }
        if (!store.requestCancel(runId, who, clock.millis())) {
            requireRunning(store.run(runId).orElse(run)); // it ended meanwhile
        }
        return Outcome.REQUESTED;
    }

    /**
     * Stops the run now if its orchestrator has gone since the cancel was requested (a caller waiting
     * for the stop asks this while it waits).
     *
     * @return true if it stopped it
     */
    public static boolean stopIfOrphaned(RunStore store, String runId, String who, Clock clock) {
        RunRecord run = store.run(runId).orElse(null);
        return run != null
                && run.running()
                && orphaned(run, clock)
                && stopOrphan(store, run, who, clock) == Outcome.STOPPED;
    }

    /** The reason a cancel by {@code who} stores. */
    public static String reason(String who) {
        return "cancelled by " + who;
    }

    private static Outcome stopOrphan(RunStore store, RunRecord run, String who, Clock clock) {
        Long pid = run.ownerPid();
        if (pid != null && pid != ProcessHandle.current().pid()) {
            AgentSpawner.endLeftoversOf(pid); // nothing when that process lives (it is on another machine)
        }
        if (!store.stop(run.id(), reason(who), clock.millis())) {
            requireRunning(store.run(run.id()).orElse(run));
        }
        return Outcome.STOPPED;
    }

    private static boolean orphaned(RunRecord run, Clock clock) {
        return run.heartbeatMs() == null || clock.millis() - run.heartbeatMs() >= RunHeartbeat.STALE_MS;
    }

    private static void requireRunning(RunRecord run) {
        if (!run.running()) {
            throw new ConflictException("run '" + run.id() + "' is not running (" + run.status()
                    + (run.exitReason() == null ? "" : ": " + run.exitReason()) + "): nothing to cancel");
        }
    }
}
