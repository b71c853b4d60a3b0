package dev.cfn.coord;

import dev.cfn.metrics.MemoryReading;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import dev.cfn.redis.KeyScheme;
import dev.cfn.redis.RedisConnections;
import dev.cfn.redis.RedisScans;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The coordinator on Redis (Lettuce), for agents in several processes or machines, in any
 * language: the keys of {@link KeyScheme}, each written with its TTL in the same pipelined batch.
 * Ordinary commands share one connection and time out after the command timeout (default 2 s);
 * waits use dedicated connections ({@link RedisBlockingWait}). Thread-safe.
 */
public final class RedisCoordinator implements Coordinator {
    private final RedisConnections connections;
    private final KeyScheme keys;
    private final RedisBlockingWait waits;

    private RedisCoordinator(RedisConnections connections, KeyScheme keys) {
        this.connections = connections;
        this.keys = keys;
        this.waits = new RedisBlockingWait(connections);
    }

    /**
     * Connects to {@code url} ({@code redis://[:password@]host[:port][/db][?timeout=5s]}, or
     * {@code rediss://} for TLS) with the standard key scheme.
     *
     * @throws dev.cfn.InvalidInputException if the URL is malformed or the credentials are rejected
     * @throws dev.cfn.RetriableException if Redis cannot be reached within the command timeout
     */
    public static RedisCoordinator create(String url) {
        return create(url, KeyScheme.standard());
    }

    /** Connects with a namespaced key scheme (tests, benchmarks). */
    public static RedisCoordinator create(String url, KeyScheme keys) {
        return new RedisCoordinator(RedisConnections.open(url), keys);
    }

    @Override
    public Duration ping() {
        long start = System.nanoTime();
        connections.await(redis().ping());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void signal(String task, String agent, Completion completion) {
        String done = keys.done(task, agent);
        String confidence = keys.confidence(task, agent);
        String result = keys.result(task, agent);
        RedisAsyncCommands<String, String> redis = redis();
        List<RedisFuture<?>> batch = new ArrayList<>();
        if (completion.confidence() != null) {
            batch.add(redis.set(confidence, Double.toString(completion.confidence()), ex(KeyScheme.Kind.CONFIDENCE)));
        }
        if (!completion.result().isEmpty()) {
            batch.add(redis.hset(result, completion.result()));
            batch.add(redis.expire(result, KeyScheme.Kind.RESULT.ttl()));
        }
        batch.add(redis.lpush(done, completion.payload()));
        batch.add(redis.expire(done, KeyScheme.Kind.DONE.ttl()));
        connections.awaitAll(batch);
        CoordMetrics.sent(CoordMetrics.COMPLETION);
    }

    @Override
    public WaitResult awaitSignals(String task, Collection<String> agents, int needed, Duration timeout) {
        WaitRequest request = WaitRequest.of(keys, task, agents, needed, timeout);
        List<String> doneKeys = List.copyOf(request.agentByKey().keySet());
        long start = CoordMetrics.waitStart();
        return CoordMetrics.waited(start, request.result(waits.run(doneKeys, needed, timeout.toNanos())));
    }

    @Override
    public void putContext(String task, Map<String, String> fields) {
        String key = keys.context(task);
        hsetWithTtl(key, Payloads.requireFields("context of task " + task, fields), KeyScheme.Kind.CONTEXT);
    }

    @Override
    public Map<String, String> context(String task) {
        return connections.await(redis().hgetall(keys.context(task)));
    }

    @Override
    public void putResult(String task, String agent, Map<String, String> fields) {
        String key = keys.result(task, agent);
        hsetWithTtl(key, Payloads.requireFields("result of agent " + agent, fields), KeyScheme.Kind.RESULT);
    }

    @Override
    public Map<String, String> result(String task, String agent) {
        return connections.await(redis().hgetall(keys.result(task, agent)));
    }

    @Override
    public void putConfidence(String task, String agent, double confidence) {
        String key = keys.confidence(task, agent);
        Payloads.requireConfidence(confidence);
        connections.await(redis().set(key, Double.toString(confidence), ex(KeyScheme.Kind.CONFIDENCE)));
    }

    @Override
    public OptionalDouble confidence(String task, String agent) {
        String key = keys.confidence(task, agent);
        return Payloads.parseConfidence(key, connections.await(redis().get(key)));
    }

    @Override
    public void putDecision(String task, Decision decision) {
        connections.await(redis().set(keys.decision(task), decision.name(), ex(KeyScheme.Kind.DECISION)));
        CoordMetrics.sent(CoordMetrics.DECISION);
    }

    @Override
    public Optional<Decision> decision(String task) {
        String key = keys.decision(task);
        return Optional.ofNullable(connections.await(redis().get(key))).map(v -> Decision.parse(key, v));
    }

    @Override
    public void addAgentIds(String task, Phase phase, int iteration, Collection<String> agentIds) {
        String key = keys.agentIds(task, phase, iteration);
        List<String> ids = Payloads.requireAgentIds(agentIds);
        RedisAsyncCommands<String, String> redis = redis();
        connections.awaitAll(List.of(
                redis.sadd(key, ids.toArray(String[]::new)), redis.expire(key, KeyScheme.Kind.AGENT_IDS.ttl())));
    }

    @Override
    public Set<String> agentIds(String task, Phase phase, int iteration) {
        return connections.await(redis().smembers(keys.agentIds(task, phase, iteration)));
    }

    @Override
    public void heartbeat(String task, String agent, String payload) {
        String key = keys.heartbeat(task, agent);
        Payloads.require("heartbeat of agent " + agent, payload);
        connections.await(redis().set(key, payload, ex(KeyScheme.Kind.HEARTBEAT)));
    }

    @Override
    public void heartbeat(String task, String agent, String payload, Duration ttl) {
        String key = keys.heartbeat(task, agent);
        Payloads.require("heartbeat of agent " + agent, payload);
        connections.await(redis().set(key, payload, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))));
    }

    /**
     * Subscribes to the server's {@code expired} key events when it sends them or lets them be
     * turned on ({@code CONFIG SET notify-keyspace-events}, adding {@code E} and {@code x} to the
     * flags already set); a server that refuses (a managed Redis, an ACL) leaves the watch to its
     * sweep.
     */
    @Override
    public HeartbeatWatch watchHeartbeats(Duration sweep, Duration grace) {
        HeartbeatWatch watch = new HeartbeatWatch(this, sweep, grace, keys::heartbeat);
        if (!expiryEventsOn()) {
            return watch;
        }
        try {
            var pubsub = connections.connectPubSub();
            pubsub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String key) {
                    watch.expired(key);
                }
            });
            pubsub.sync().subscribe("__keyevent@" + connections.database() + "__:expired");
            watch.notifiedBy(pubsub::close);
        } catch (RuntimeException e) {
            // no subscription: the sweep alone finds expired heartbeats
        }
        return watch;
    }

    private boolean expiryEventsOn() {
        try {
            String flags = connections
                    .await(redis().configGet("notify-keyspace-events"))
                    .getOrDefault("notify-keyspace-events", "");
            if (sendsExpiredEvents(flags)) {
                return true;
            }
            String wanted = flags + (flags.contains("E") ? "" : "E") + (flags.contains("x") ? "" : "x");
            connections.await(redis().configSet("notify-keyspace-events", wanted));
            return true;
        } catch (RuntimeException e) {
            return false; // CONFIG is refused here
        }
    }

    /** Whether these {@code notify-keyspace-events} flags publish key-event {@code expired} messages. */
    static boolean sendsExpiredEvents(String flags) {
        return flags.contains("E") && (flags.contains("x") || flags.contains("A"));
    }

    @Override
    public Set<String> expiredHeartbeats(String task, Collection<String> agents) {
        Map<String, String> keyByAgent = new LinkedHashMap<>();
        for (String agent : agents) {
            keyByAgent.put(agent, keys.heartbeat(task, agent));
        }
        RedisAsyncCommands<String, String> redis = redis();
        Map<String, RedisFuture<Long>> exists = new LinkedHashMap<>();
        keyByAgent.forEach((agent, key) -> exists.put(agent, redis.exists(key)));
        Set<String> expired = new LinkedHashSet<>();
        exists.forEach((agent, reply) -> {
            if (connections.await(reply) == 0) {
                expired.add(agent);
            }
        });
        return expired;
    }

    @Override
    public void appendMessage(String task, String agent, String message) {
        String key = keys.messages(task, agent);
        Payloads.require("message for agent " + agent, message);
        RedisAsyncCommands<String, String> redis = redis();
        connections.awaitAll(List.of(
                redis.rpush(key, message),
                redis.ltrim(key, -KeyScheme.MAX_MESSAGES, -1),
                redis.expire(key, KeyScheme.Kind.MESSAGES.ttl())));
    }

    @Override
    public List<String> messages(String task, String agent) {
        return connections.await(redis().lrange(keys.messages(task, agent), 0, -1));
    }

    @Override
    public long cleanup(String task) {
        return new RedisScans(connections).unlink(keys.taskPattern(task));
    }

    @Override
    public CoordStats stats() {
        RedisScans scans = new RedisScans(connections);
        Map<String, Long> counts = scans.countByKind(keys);
        Map<String, String> info = scans.info("memory");
        info.putAll(scans.info("stats"));
        return new CoordStats(
                "redis",
                connections.safeUrl(),
                counts,
                RedisScans.number(info, "used_memory"),
                RedisScans.number(info, "maxmemory"),
                info.getOrDefault("maxmemory_policy", "unknown"),
                RedisScans.number(info, "instantaneous_ops_per_sec"),
                new RedisWorkerRegistry(connections, keys).all());
    }

    /**
     * Redis {@code used_memory} and {@code maxmemory} (0: no limit) from {@code INFO memory}, one
     * round trip and no SCAN: cheap enough to poll for metrics.
     *
     * @return the figures in bytes, -1 for one Redis did not report
     * @throws dev.cfn.RetriableException when Redis is unreachable
     */
    public MemoryReading memory() {
        long[] m = new RedisScans(connections).memory();
        return new MemoryReading(m[0], m[1]);
    }

    @Override
    public String describe() {
        return connections.safeUrl();
    }

    @Override
    public void close() {
        connections.close();
    }

    private void hsetWithTtl(String key, Map<String, String> fields, KeyScheme.Kind kind) {
        if (fields.isEmpty()) {
            return;
        }
        RedisAsyncCommands<String, String> redis = redis();
        connections.awaitAll(List.of(redis.hset(key, fields), redis.expire(key, kind.ttl())));
    }

    private RedisAsyncCommands<String, String> redis() {
        return connections.async();
    }

    private static SetArgs ex(KeyScheme.Kind kind) {
        return SetArgs.Builder.ex(kind.ttl());
    }
}
