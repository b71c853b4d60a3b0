package dev.cfn.loop;

import dev.cfn.agents.AgentSession;
import dev.cfn.agents.SessionStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The sessions of one run's agent slots, kept in its {@link RunStore} ({@code agent_sessions}), so
 * an implementer resumes its session in the next iteration, also after {@code cfn loop resume}
 * continued the run in another process. Thread-safe.
 */
final class RunSessions implements SessionStore {
    private final RunStore store;
    private final String runId;
    private final Clock clock;

    RunSessions(RunStore store, String runId, Clock clock) {
        this.store = store;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public Optional<AgentSession> find(String slot) {
        return store.session(runId, slot);
    }

    @Override
    public void save(String slot, AgentSession session) {
        store.saveSession(runId, slot, session, clock.millis());
    }
}
