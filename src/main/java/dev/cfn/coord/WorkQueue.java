package dev.cfn.coord;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Agent work shared by many worker processes, at least once: an orchestrator {@link #enqueue}s
 * tasks, workers {@link #take} them under a lease, {@link #renew} the lease while they run,
 * publish the result once ({@link #putResult}) and {@link #ack}. An entry whose worker died is
 * taken again by another worker once its lease ran out; the idempotency key of each task
 * ({@code run:iteration:agent}) makes sure its result is stored, and so counted, once. Workers
 * announce themselves with {@link #heartbeat}; {@link #workers} lists them, live or dead.
 *
 * <p>Implementations are thread-safe. Queue names, agent types and worker ids match {@link
 * KeyScheme#NAME}. Failures: {@link dev.cfn.InvalidInputException} for invalid names, {@link
 * dev.cfn.RetriableException} when the backing store is unreachable.
 */
public interface WorkQueue extends AutoCloseable {
    /** The queue's name (one of many on a server: workers serve one queue). */
    String name();

    /**
     * Adds a task for workers of its agent type.
     *
     * @return the entry id
     */
    String enqueue(WorkItem item);

    /**
     * Takes at most {@code max} entries for {@code worker}: first entries whose lease ran out
     * (their worker died or gave them back), then new ones, waiting up to {@code block} for new
     * ones when there are none.
     *
     * @param types the agent types served; empty for every type the queue has seen
     * @return the entries taken, now leased to {@code worker} for {@code lease}
     */
    List<Delivery> take(String worker, Collection<String> types, int max, Duration lease, Duration block);

    /** Restarts the lease of entries {@code worker} holds (call well within the lease). */
    void renew(String worker, Collection<Delivery> held);

    /** Marks an entry done (and removes it): it will not be delivered again. */
    void ack(Delivery delivery);

    /** Gives an entry back at once, for another worker to take without waiting for its lease. */
    void release(String worker, Delivery delivery);

    /** The stored result of an idempotency key, if any worker published one. */
    Optional<String> result(IdempotencyKey key);

    /**
     * Stores a result under its idempotency key unless one is stored already.
     *
     * @return the stored result: {@code result} when this call stored it, else the earlier one
     */
    String putResult(IdempotencyKey key, String result);

    /** Records that a worker is alive, with its status; the heartbeat expires after {@code ttl}. */
    void heartbeat(WorkerStatus status, Duration ttl);

    /** Removes a worker's heartbeat and entry (a worker stopping cleanly). */
    void retire(String workerId);

    /** The workers of every queue on this server, live or dead (heartbeat expired). */
    List<WorkerStatus> workers();

    /** Removes every key of this queue; returns how many were removed. */
    long purge();

    @Override
    void close();
}
