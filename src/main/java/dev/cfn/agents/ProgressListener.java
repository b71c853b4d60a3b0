package dev.cfn.agents;

/**
 * Hears a running agent's {@link AgentProgress}. Called on the runtime's threads while the agent
 * runs; must be quick and must not throw. May be told to stop the agent: a listener that throws
 * {@link StopAgent} makes the runtime end the agent (its process tree) and report why.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> {};

    void on(AgentProgress progress);

    /** Thrown by a listener to end the agent now (a budget is spent, the run was cancelled). */
    final class StopAgent extends RuntimeException {
        public StopAgent(String reason) {
            super(reason, null, false, false);
        }
    }
}
