package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.IdempotencyKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The heartbeats of the agents a worker runs: {@code swarm:{run}:{agent}:heartbeat}, written when
 * an agent starts and at each of the worker's beats, expiring after the worker's lease, so the
 * orchestrator waiting for the agent learns within a lease (plus its grace) that the worker died,
 * instead of at the agent's timeout. A failed write is left to the next beat.
 */
final class AgentBeats {
    private final Coordinator coordinator;
    private final WorkerSettings settings;
    private final Map<String, IdempotencyKey> running = new ConcurrentHashMap<>();

    AgentBeats(Coordinator coordinator, WorkerSettings settings) {
        this.coordinator = coordinator;
        this.settings = settings;
    }

    /** An agent of entry {@code entryId} starts here: beat now and with every worker beat until {@link #ended}. */
    void started(String entryId, IdempotencyKey key) {
        running.put(entryId, key);
        beat(key);
    }

    void ended(String entryId) {
        running.remove(entryId);
    }

    /** One beat for every running agent. */
    void beatAll() {
        running.values().forEach(this::beat);
    }

    private void beat(IdempotencyKey key) {
        try {
            coordinator.heartbeat(
                    key.run(),
                    key.agent(),
                    "{\"worker\":\"" + settings.id() + "\",\"pid\":"
                            + ProcessHandle.current().pid() + ",\"lease_ms\":"
                            + settings.lease().toMillis() + "}",
                    settings.lease());
        } catch (CfnException e) {
            // the next beat tries again; the lease leaves room for two misses
        }
    }
}
