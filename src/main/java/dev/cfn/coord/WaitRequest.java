package dev.cfn.coord;

import dev.cfn.InvalidInputException;
import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A validated wait: the done key of each distinct agent, how many must signal, and for how long.
 * Shared by both coordinators so they accept and reject exactly the same waits.
 */
record WaitRequest(Map<String, String> agentByKey, int needed, Duration timeout) {
    static WaitRequest of(KeyScheme keys, String task, Collection<String> agents, int needed, Duration timeout) {
        KeyScheme.requireTaskId(task);
        if (agents == null || agents.isEmpty()) {
            throw new InvalidInputException("a wait needs at least one agent id");
        }
        Map<String, String> agentByKey = new LinkedHashMap<>();
        for (String agent : agents) {
            agentByKey.put(keys.done(task, agent), agent);
        }
        if (needed < 1 || needed > agentByKey.size()) {
            throw new InvalidInputException(
                    "needed must be from 1 to " + agentByKey.size() + " (the agents waited on), but was " + needed);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("a wait's timeout must be positive, but was " + timeout);
        }
        return new WaitRequest(Collections.unmodifiableMap(agentByKey), needed, timeout);
    }

    /** Translates arrived keys back to agents and lists the agents that did not signal. */
    WaitResult result(Map<String, String> arrivedByKey) {
        Map<String, String> arrived = new LinkedHashMap<>();
        arrivedByKey.forEach((key, payload) -> arrived.put(agentByKey.get(key), payload));
        Set<String> missing = new LinkedHashSet<>();
        agentByKey.values().forEach(agent -> {
            if (!arrived.containsKey(agent)) {
                missing.add(agent);
            }
        });
        return new WaitResult(arrived, missing, needed);
    }
}
