package dev.cfn.agents;

import java.util.Optional;

/**
 * Keeps the session of each agent slot of one run, so the slot's next invocation continues the
 * conversation instead of starting over (an implementer keeps its context and its cached prompt
 * from one iteration to the next). A slot is an agent type and its instance, e.g. {@code coder-1}
 * (see {@link AgentInvocation#slot()}). The loop implements it on its run store, so a resumed run
 * finds the sessions of the run it continues; {@link #NONE} forgets everything (every invocation
 * starts afresh). Implementations are thread-safe.
 */
public interface SessionStore {
    SessionStore NONE = new SessionStore() {
        @Override
        public Optional<AgentSession> find(String slot) {
            return Optional.empty();
        }

        @Override
        public void save(String slot, AgentSession session) {}
    };

    /** The slot's latest session, if it has one. */
    Optional<AgentSession> find(String slot);

    /** Makes {@code session} the slot's latest (replacing the one before). */
    void save(String slot, AgentSession session);
}
