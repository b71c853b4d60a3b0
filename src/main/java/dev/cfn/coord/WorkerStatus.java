package dev.cfn.coord;

import dev.cfn.redis.KeyScheme;
import java.util.List;
import java.util.Objects;

/**
 * What a worker says about itself in its heartbeat, and whether it is still alive.
 *
 * @param types the agent types it serves; empty for all
 * @param inFlight tasks it runs now
 * @param done tasks it finished since it started
 * @param lastBeatMs when it last beat (epoch milliseconds)
 * @param alive false once its heartbeat expired without it retiring (it died)
 */
public record WorkerStatus(
        String queue,
        String id,
        String host,
        long pid,
        int concurrency,
        List<String> types,
        int inFlight,
        long done,
        long startedMs,
        long lastBeatMs,
        boolean alive) {
    public WorkerStatus {
        KeyScheme.requireName("queue name", queue);
        KeyScheme.requireName("worker id", id);
        Objects.requireNonNull(host, "host");
        types = List.copyOf(types);
    }

    public WorkerStatus withAlive(boolean isAlive) {
        return new WorkerStatus(
                queue, id, host, pid, concurrency, types, inFlight, done, startedMs, lastBeatMs, isAlive);
    }
}
