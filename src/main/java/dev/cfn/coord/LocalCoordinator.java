package dev.cfn.coord;

import dev.cfn.RetriableException;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import dev.cfn.redis.KeyScheme;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The embedded coordinator, the default: the same keys, types and TTLs as on Redis, held in this
 * process. Keys expire by the injected {@link Clock}; a wait is woken by the signal itself, with no
 * polling. Only threads of this process can take part: a {@code cfn coord signal} in another
 * process cannot wake a wait here (use {@link RedisCoordinator} for that). Thread-safe.
 */
public final class LocalCoordinator implements Coordinator {
    private final KeyScheme keys;
    private final LocalKeyspace space;

    public LocalCoordinator(Clock clock) {
        this(clock, KeyScheme.standard());
    }

    public LocalCoordinator(Clock clock, KeyScheme keys) {
        this.keys = keys;
        this.space = new LocalKeyspace(clock);
    }

    @Override
    public Duration ping() {
        long start = System.nanoTime();
        space.exists(keys.namespace() + "ping");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void signal(String task, String agent, Completion completion) {
        String done = keys.done(task, agent);
        if (completion.confidence() != null) {
            putConfidence(task, agent, completion.confidence());
        }
        if (!completion.result().isEmpty()) {
            putResult(task, agent, completion.result());
        }
        space.lpush(done, completion.payload(), KeyScheme.Kind.DONE.ttl());
        CoordMetrics.sent(CoordMetrics.COMPLETION);
    }

    @Override
    public WaitResult awaitSignals(String task, Collection<String> agents, int needed, Duration timeout) {
        WaitRequest request = WaitRequest.of(keys, task, agents, needed, timeout);
        long start = CoordMetrics.waitStart();
        try {
            return CoordMetrics.waited(
                    start, request.result(space.blpop(request.agentByKey().keySet(), needed, timeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for agents of task " + task, e);
        }
    }

    @Override
    public void putContext(String task, Map<String, String> fields) {
        String key = keys.context(task);
        if (!Payloads.requireFields("context of task " + task, fields).isEmpty()) {
            space.hset(key, fields, KeyScheme.Kind.CONTEXT.ttl());
        }
    }

    @Override
    public Map<String, String> context(String task) {
        return space.hgetall(keys.context(task));
    }

    @Override
    public void putResult(String task, String agent, Map<String, String> fields) {
        String key = keys.result(task, agent);
        if (!Payloads.requireFields("result of agent " + agent, fields).isEmpty()) {
            space.hset(key, fields, KeyScheme.Kind.RESULT.ttl());
        }
    }

    @Override
    public Map<String, String> result(String task, String agent) {
        return space.hgetall(keys.result(task, agent));
    }

    @Override
    public void putConfidence(String task, String agent, double confidence) {
        String key = keys.confidence(task, agent);
        Payloads.requireConfidence(confidence);
        space.set(key, Double.toString(confidence), KeyScheme.Kind.CONFIDENCE.ttl());
    }

    @Override
    public OptionalDouble confidence(String task, String agent) {
        String key = keys.confidence(task, agent);
        return Payloads.parseConfidence(key, space.get(key));
    }

    @Override
    public void putDecision(String task, Decision decision) {
        space.set(keys.decision(task), decision.name(), KeyScheme.Kind.DECISION.ttl());
        CoordMetrics.sent(CoordMetrics.DECISION);
    }

    @Override
    public Optional<Decision> decision(String task) {
        String key = keys.decision(task);
        return Optional.ofNullable(space.get(key)).map(v -> Decision.parse(key, v));
    }

    @Override
    public void addAgentIds(String task, Phase phase, int iteration, Collection<String> agentIds) {
        String key = keys.agentIds(task, phase, iteration);
        space.sadd(key, Payloads.requireAgentIds(agentIds), KeyScheme.Kind.AGENT_IDS.ttl());
    }

    @Override
    public Set<String> agentIds(String task, Phase phase, int iteration) {
        return space.smembers(keys.agentIds(task, phase, iteration));
    }

    @Override
    public void heartbeat(String task, String agent, String payload) {
        String key = keys.heartbeat(task, agent);
        space.set(key, Payloads.require("heartbeat of agent " + agent, payload), KeyScheme.Kind.HEARTBEAT.ttl());
    }

    @Override
    public void heartbeat(String task, String agent, String payload, Duration ttl) {
        String key = keys.heartbeat(task, agent);
        space.set(key, Payloads.require("heartbeat of agent " + agent, payload), ttl);
    }

    @Override
    public Set<String> expiredHeartbeats(String task, Collection<String> agents) {
        Set<String> expired = new LinkedHashSet<>();
        for (String agent : agents) {
            if (!space.exists(keys.heartbeat(task, agent))) {
                expired.add(agent);
            }
        }
        return expired;
    }

    @Override
    public void appendMessage(String task, String agent, String message) {
        String key = keys.messages(task, agent);
        Payloads.require("message for agent " + agent, message);
        space.rpushCapped(key, message, KeyScheme.MAX_MESSAGES, KeyScheme.Kind.MESSAGES.ttl());
    }

    @Override
    public List<String> messages(String task, String agent) {
        return space.lrange(keys.messages(task, agent));
    }

    @Override
    public long cleanup(String task) {
        String pattern = keys.taskPattern(task);
        return space.unlinkPrefix(pattern.substring(0, pattern.length() - 1));
    }

    @Override
    public CoordStats stats() {
        Map<String, Long> counts = new TreeMap<>();
        for (String key : space.keys()) {
            counts.merge(keys.kindOf(key).template(), 1L, Long::sum);
        }
        return new CoordStats("local", describe(), counts, -1, -1, "", -1);
    }

    @Override
    public String describe() {
        return "in-process";
    }

    /** The remaining time to live of a key, for tests; empty when the key does not exist. */
    Optional<Duration> ttl(String key) {
        return space.ttl(key);
    }

    /** How many waits are blocked on a key, for tests. */
    int waitersOn(String key) {
        return space.waitersOn(key);
    }

    /** Writes a string as a foreign agent might, for tests. */
    void writeRaw(String key, String value) {
        space.set(key, value, Duration.ofHours(1));
    }

    /** The live keys, for tests. */
    List<String> keys() {
        return space.keys();
    }

    @Override
    public void close() {
        space.close();
    }
}
