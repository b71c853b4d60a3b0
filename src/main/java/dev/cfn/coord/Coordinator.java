package dev.cfn.coord;

import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Coordination between the agents of a task and their orchestrator: completion signals and
 * waits, the task's context, per-agent results and confidence, the decision, per-iteration agent
 * ids, heartbeats and message lists. Every key follows {@link KeyScheme} and has a TTL, so nothing
 * leaks; {@link #cleanup} removes everything of a task.
 *
 * <p>Implementations are thread-safe. Task and agent ids must match {@link KeyScheme#ID}, values
 * must respect {@link Payloads}; every method checks its input before it writes anything.
 *
 * <p>Failures: {@link dev.cfn.InvalidInputException} (exit 2) for an invalid id or value or a key
 * holding another type; {@link dev.cfn.RetriableException} (exit 1) when the backing store is
 * unreachable or does not answer within its command timeout.
 */
public interface Coordinator extends AutoCloseable {
    /** The round trip of one no-op command (Redis {@code PING}). */
    Duration ping();

    /**
     * Reports an agent's completion: writes its confidence and result (when given), then pushes the
     * payload on {@code swarm:{task}:{agent}:done}, waking one waiter of that agent.
     */
    void signal(String task, String agent, Completion completion);

    /**
     * Waits for one agent's signal, consuming it.
     *
     * @param timeout how long to wait at most; positive
     * @return the payload, or empty when none arrived within the timeout
     */
    default Optional<String> await(String task, String agent, Duration timeout) {
        WaitResult result = awaitSignals(task, List.of(agent), 1, timeout);
        return Optional.ofNullable(result.arrived().get(agent));
    }

    /**
     * Waits until {@code needed} of {@code agents} have signalled, or the timeout passes, consuming
     * one signal of each agent that arrives. Never blocks past the timeout (plus a small margin for
     * the last answer to travel), even when the connection drops meanwhile.
     *
     * @param agents the agents to wait for (duplicates are ignored); not empty
     * @param needed how many of them must signal, from 1 to the number of distinct agents
     * @param timeout how long to wait at most; positive
     */
    WaitResult awaitSignals(String task, Collection<String> agents, int needed, Duration timeout);

    /** Adds or replaces fields of the task's context hash (TTL 86,400 s). */
    void putContext(String task, Map<String, String> fields);

    /** The task's context; empty when none was stored or it expired. */
    Map<String, String> context(String task);

    /** Adds or replaces fields of the agent's result hash (TTL 3,600 s). */
    void putResult(String task, String agent, Map<String, String> fields);

    /** The agent's result hash; empty when none. */
    Map<String, String> result(String task, String agent);

    /** Stores the agent's confidence, from 0.0 to 1.0 (TTL 3,600 s). */
    void putConfidence(String task, String agent, double confidence);

    /**
     * The agent's confidence; empty when none was reported.
     *
     * @throws dev.cfn.InvalidInputException if the stored value is not a number from 0.0 to 1.0
     */
    OptionalDouble confidence(String task, String agent);

    /** Stores the task's decision (TTL 3,600 s). */
    void putDecision(String task, Decision decision);

    /** The task's decision; empty when none was stored. */
    Optional<Decision> decision(String task);

    /** Adds agent ids to a loop's set for one iteration (TTL 86,400 s), in one round trip. */
    void addAgentIds(String task, Phase phase, int iteration, Collection<String> agentIds);

    /** The agent ids of a loop's iteration; empty when none. */
    Set<String> agentIds(String task, Phase phase, int iteration);

    /** Records that the agent is alive; the heartbeat expires after 60 s unless renewed. */
    void heartbeat(String task, String agent, String payload);

    /**
     * Records that the agent is alive for {@code ttl} (a worker beats with its lease), instead of the
     * protocol's default 60 s.
     */
    default void heartbeat(String task, String agent, String payload, Duration ttl) {
        heartbeat(task, agent, payload);
    }

    /**
     * A watch of agents' heartbeats that tells when one is lost (alive once, then expired for longer
     * than {@code grace}): from the server's keyspace notifications where it sends them, else from a
     * sweep every {@code sweep}. The caller closes it.
     */
    default HeartbeatWatch watchHeartbeats(Duration sweep, Duration grace) {
        return new HeartbeatWatch(this, sweep, grace, (task, agent) -> task + "\n" + agent);
    }

    /**
     * Which of {@code agents} have no live heartbeat (it expired, or was never sent), in the order
     * given. One round trip.
     */
    Set<String> expiredHeartbeats(String task, Collection<String> agents);

    /** Appends to the agent's message list, keeping the newest 100 (TTL 24 h). */
    void appendMessage(String task, String agent, String message);

    /** The agent's messages, oldest first. */
    List<String> messages(String task, String agent);

    /**
     * Removes every key of the task (and of tasks nested under it, {@code task:*}), found by SCAN,
     * never KEYS.
     *
     * @return how many keys were removed
     */
    long cleanup(String task);

    /** Key counts per kind and, on Redis, memory and load figures. */
    CoordStats stats();

    /** Where the keys live, for messages: {@code in-process} or the URL without its password. */
    String describe();

    /** Releases connections and threads; waits in progress end as timed out. Idempotent. */
    @Override
    void close();
}
