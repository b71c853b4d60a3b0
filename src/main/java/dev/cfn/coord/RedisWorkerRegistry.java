package dev.cfn.coord;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.json.Json;
import dev.cfn.redis.KeyScheme;
import dev.cfn.redis.RedisConnections;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workers' heartbeats on Redis: each worker's status is a field of its queue's {@code workers}
 * hash (TTL 24 h, so a dead worker stays listed, as dead, for a while) and its liveness a string
 * key with a TTL of the worker's lease. Listing finds the hashes with SCAN.
 */
final class RedisWorkerRegistry {

    private final RedisConnections connections;
    private final KeyScheme keys;

    RedisWorkerRegistry(RedisConnections connections, KeyScheme keys) {
        this.connections = connections;
        this.keys = keys;
    }

    void beat(String queue, WorkerStatus status, Duration ttl) {
        String json = encode(status);
        String hash = keys.workers(queue);
        RedisAsyncCommands<String, String> redis = connections.async();
        connections.awaitAll(List.of(
                redis.set(keys.workerHeartbeat(queue, status.id()), json, SetArgs.Builder.px(ttl)),
                redis.hset(hash, status.id(), json),
                redis.expire(hash, KeyScheme.Kind.WORKERS.ttl())));
    }

    void retire(String queue, String workerId) {
        RedisAsyncCommands<String, String> redis = connections.async();
        connections.awaitAll(
                List.of(redis.del(keys.workerHeartbeat(queue, workerId)), redis.hdel(keys.workers(queue), workerId)));
    }

    /** Every worker of every queue, live ones first, then by queue and id. */
    List<WorkerStatus> all() {
        List<WorkerStatus> found = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(keys.workersPattern()).limit(1_000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connections.await(connections.async().scan(cursor, args));
            for (String hash : page.getKeys()) {
                connections.await(connections.async().hgetall(hash)).values().forEach(v -> decode(v, found));
            }
            cursor = page;
        } while (!cursor.isFinished());
        Map<WorkerStatus, RedisFuture<Long>> exists = new LinkedHashMap<>();
        for (WorkerStatus w : found) {
            exists.put(w, connections.async().exists(keys.workerHeartbeat(w.queue(), w.id())));
        }
        List<WorkerStatus> out = new ArrayList<>();
        exists.forEach((w, reply) -> out.add(w.withAlive(connections.await(reply) > 0)));
        out.sort(Comparator.comparing((WorkerStatus w) -> !w.alive())
                .thenComparing(WorkerStatus::queue)
                .thenComparing(WorkerStatus::id));
        return out;
    }

    private static String encode(WorkerStatus status) {
        try {
            return Json.mapper().writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a worker status", e);
        }
    }

    private static void decode(String json, List<WorkerStatus> into) {
        try {
            into.add(Json.mapper().readValue(json, WorkerStatus.class));
        } catch (JsonProcessingException | RuntimeException e) {
            // a field some other program wrote: not a worker of ours
        }
    }
}
