package dev.cfn.agents;

/**
 * Runs one agent to completion. Implementations are named by mechanism
 * ({@code ProcessAgentRuntime}, {@code TestAgentRuntime}, {@code ApiAgentRuntime},
 * {@code WarmPool}).
 *
 * <p>Thread-safe; blocks the calling thread (virtual threads are fine) for at most the
 * invocation's timeout plus a short kill grace. Never throws for an agent's own failure: a crash,
 * a non-zero exit, unparseable output or a timeout is an {@link AgentResult} with that status and
 * reason. Throws {@link dev.cfn.RetriableException} only when the runtime itself is unavailable
 * (e.g. the command cannot be started), and leaves no child process behind in any case.
 */
public interface AgentRuntime {
    AgentResult run(AgentInvocation invocation);
}
