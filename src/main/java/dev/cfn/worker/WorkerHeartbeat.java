package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.coord.Delivery;
import dev.cfn.coord.WorkQueue;
import dev.cfn.coord.WorkerStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A worker's background job: every third of the lease, writes its heartbeat (which expires after
 * one lease) and restarts the lease of the entries it holds, so no other worker takes them while
 * they run. A failed beat is reported and retried at the next tick.
 */
final class WorkerHeartbeat {
    private final WorkQueue queue;
    private final WorkerSettings settings;
    private final Supplier<WorkerStatus> status;
    private final Map<String, Delivery> held;
    private final WorkerListener listener;
    private AgentBeats agents;

    /** Also beats for the agents this worker runs (their {@code swarm:{run}:{agent}:heartbeat}). */
    WorkerHeartbeat withAgents(AgentBeats beats) {
        this.agents = beats;
        return this;
    }

    WorkerHeartbeat(
            WorkQueue queue,
            WorkerSettings settings,
            Supplier<WorkerStatus> status,
            Map<String, Delivery> held,
            WorkerListener listener) {
        this.queue = queue;
        this.settings = settings;
        this.status = status;
        this.held = held;
        this.listener = listener;
    }

    /**
     * @param first the first beat fails loudly (the queue is down at start); later ones warn
     */
    void run(boolean first) {
        try {
            queue.heartbeat(status.get(), settings.lease());
            if (agents != null) {
                agents.beatAll();
            }
            List<Delivery> entries = List.copyOf(held.values());
            if (!entries.isEmpty()) {
                queue.renew(settings.id(), entries);
            }
        } catch (CfnException e) {
            if (first) {
                throw e;
            }
            listener.on("warning", "heartbeat failed: " + e.getMessage());
        }
    }

    /** Removes the heartbeat: a worker that stops cleanly is not listed as dead. */
    void retire() {
        try {
            queue.retire(settings.id());
        } catch (CfnException e) {
            listener.on("warning", "cannot remove the heartbeat: " + e.getMessage());
        }
    }
}
