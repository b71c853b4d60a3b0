package dev.cfn.coord;

import dev.cfn.redis.KeyScheme;
import dev.cfn.redis.RedisConnections;
import dev.cfn.redis.RedisScans;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work queue on Redis Streams: one stream per agent type ({@code queue:{queue}:agents:{type}}),
 * read by the consumer group {@value KeyScheme#WORKER_GROUP} (each worker is one consumer).
 * Entries are taken with XREADGROUP, reclaimed from dead workers with XAUTOCLAIM once idle longer
 * than the lease, kept leased with XCLAIM (which restarts the idle time), and removed with XACK +
 * XDEL. Results are stored with {@code SET NX} under the idempotency key. Every key has a TTL,
 * renewed by each write. Thread-safe.
 */
public final class RedisStreamWorkQueue implements WorkQueue {
    /** Streams are trimmed (approximately) to this many entries: a bound, not a working size. */
    static final long MAX_ENTRIES = 100_000;

    private final RedisConnections connections;
    private final KeyScheme keys;
    private final String queue;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final RedisStreamReads reads;

    private RedisStreamWorkQueue(RedisConnections connections, KeyScheme keys, String queue) {
        this.connections = connections;
        this.keys = keys;
        this.queue = KeyScheme.requireName("queue name", queue);
        this.reads = new RedisStreamReads(connections);
    }

    /**
     * Connects to {@code url} with the standard key scheme.
     *
     * @throws dev.cfn.InvalidInputException if the URL or queue name is invalid
     * @throws dev.cfn.RetriableException if Redis cannot be reached
     */
    public static RedisStreamWorkQueue create(String url, String queue) {
        return create(url, KeyScheme.standard(), queue);
    }

    /** Connects with a namespaced key scheme (tests, benchmarks). */
    public static RedisStreamWorkQueue create(String url, KeyScheme keys, String queue) {
        KeyScheme.requireName("queue name", queue);
        return new RedisStreamWorkQueue(RedisConnections.open(url), keys, queue);
    }

    @Override
    public String name() {
        return queue;
    }

    @Override
    public String enqueue(WorkItem item) {
        String stream = keys.queueStream(queue, item.agentType());
        ensureGroup(item.agentType());
        String types = keys.queueTypes(queue);
        RedisAsyncCommands<String, String> redis = connections.async();
        XAddArgs trim = new XAddArgs().maxlen(MAX_ENTRIES).approximateTrimming();
        RedisFuture<String> id =
                redis.xadd(stream, trim, Map.of("key", item.key().toString(), "task", item.payload()));
        connections.awaitAll(List.of(
                id,
                redis.expire(stream, KeyScheme.Kind.QUEUE_STREAM.ttl()),
                redis.sadd(types, item.agentType()),
                redis.expire(types, KeyScheme.Kind.QUEUE_TYPES.ttl())));
        return connections.await(id);
    }

    @Override
    public List<Delivery> take(String worker, Collection<String> types, int max, Duration lease, Duration block) {
        KeyScheme.requireName("worker id", worker);
        List<String> served = types.isEmpty()
                ? List.copyOf(connections.await(connections.async().smembers(keys.queueTypes(queue))))
                : List.copyOf(types);
        served.forEach(this::ensureGroup);
        List<Delivery> taken = new ArrayList<>();
        for (String type : served) {
            if (taken.size() < max) {
                String stream = keys.queueStream(queue, type);
                taken.addAll(reads.reclaim(worker, stream, type, max - taken.size(), lease, groups::remove));
            }
        }
        if (taken.isEmpty() && max > 0) {
            Map<String, String> typeByStream = new LinkedHashMap<>();
            served.forEach(t -> typeByStream.put(keys.queueStream(queue, t), t));
            taken.addAll(reads.readNew(worker, typeByStream, max, block, groups::remove));
        }
        while (taken.size() > max) { // XREADGROUP's COUNT is per stream: give the surplus back
            release(worker, taken.remove(taken.size() - 1));
        }
        return taken;
    }

    @Override
    public void renew(String worker, Collection<Delivery> held) {
        claim(worker, held, new XClaimArgs().minIdleTime(0).justid());
    }

    @Override
    public void ack(Delivery delivery) {
        String stream = keys.queueStream(queue, delivery.agentType());
        RedisAsyncCommands<String, String> redis = connections.async();
        connections.awaitAll(List.of(
                redis.xack(stream, KeyScheme.WORKER_GROUP, delivery.entryId()),
                redis.xdel(stream, delivery.entryId())));
    }

    @Override
    public void release(String worker, Delivery delivery) {
        // An idle time far past any lease: the next XAUTOCLAIM of any worker takes it.
        claim(
                worker,
                List.of(delivery),
                new XClaimArgs().minIdleTime(0).idle(Duration.ofDays(1)).justid());
    }

    private void claim(String worker, Collection<Delivery> held, XClaimArgs args) {
        Consumer<String> me = Consumer.from(KeyScheme.WORKER_GROUP, worker);
        List<RedisFuture<?>> batch = new ArrayList<>();
        for (Delivery d : held) {
            batch.add(connections.async().xclaim(keys.queueStream(queue, d.agentType()), me, args, d.entryId()));
        }
        connections.awaitAll(batch);
    }

    @Override
    public Optional<String> result(IdempotencyKey key) {
        return Optional.ofNullable(connections.await(connections.async().get(resultKey(key))));
    }

    @Override
    public String putResult(IdempotencyKey key, String result) {
        Payloads.require("result", result);
        SetArgs args = SetArgs.Builder.nx().ex(KeyScheme.Kind.QUEUE_RESULT.ttl());
        String earlier = connections.await(connections.async().setGet(resultKey(key), result, args));
        return earlier == null ? result : earlier;
    }

    private String resultKey(IdempotencyKey key) {
        return keys.queueResult(queue, key.run(), key.iteration(), key.agent());
    }

    @Override
    public void heartbeat(WorkerStatus status, Duration ttl) {
        new RedisWorkerRegistry(connections, keys).beat(queue, status, ttl);
    }

    @Override
    public void retire(String workerId) {
        new RedisWorkerRegistry(connections, keys).retire(queue, workerId);
    }

    @Override
    public List<WorkerStatus> workers() {
        return new RedisWorkerRegistry(connections, keys).all();
    }

    @Override
    public long purge() {
        groups.clear();
        return new RedisScans(connections).unlink(keys.queuePattern(queue));
    }

    /** Creates the group (and the stream) once per type and process; an existing group is kept. */
    private void ensureGroup(String type) {
        if (groups.contains(type)) {
            return;
        }
        String stream = keys.queueStream(queue, type);
        RedisAsyncCommands<String, String> redis = connections.async();
        try {
            connections.await(redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(stream, "0"),
                    KeyScheme.WORKER_GROUP,
                    XGroupCreateArgs.Builder.mkstream(true)));
            connections.await(redis.expire(stream, KeyScheme.Kind.QUEUE_STREAM.ttl()));
        } catch (dev.cfn.CfnException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groups.add(type);
    }

    @Override
    public void close() {
        connections.close();
    }
}
