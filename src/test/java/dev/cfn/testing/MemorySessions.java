package dev.cfn.testing;

import dev.cfn.agents.AgentSession;
import dev.cfn.agents.SessionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions kept in memory: the {@link SessionStore} port as the loop's run store keeps it, minus the database. */
public final class MemorySessions implements SessionStore {
    private final Map<String, AgentSession> bySlot = new ConcurrentHashMap<>();

    @Override
    public Optional<AgentSession> find(String slot) {
        return Optional.ofNullable(bySlot.get(slot));
    }

    @Override
    public void save(String slot, AgentSession session) {
        bySlot.put(slot, session);
    }
}
