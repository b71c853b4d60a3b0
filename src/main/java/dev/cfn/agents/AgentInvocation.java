package dev.cfn.agents;

import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One run of one agent.
 *
 * @param agentId {@code {type}-{iteration}-{instance}}
 * @param phase the phase it runs in (env {@code CFN_LOOP})
 * @param input the JSON document written to the agent's stdin (task, deliverables, acceptance
 *     criteria, iteration, feedback, skills, and for the product owner the gate and consensus)
 * @param env extra environment (e.g. {@code CFN_REDIS_URL}); the protocol's own variables are
 *     added by the runtime
 * @param logDir where the agent's stderr log goes ({@code <home>/logs})
 * @param progress hears what the agent does while it runs (not sent to workers)
 */
public record AgentInvocation(
        AgentDefinition definition,
        String taskId,
        String agentId,
        int iteration,
        Phase phase,
        String mode,
        Path workdir,
        Map<String, Object> input,
        Map<String, String> env,
        Duration timeout,
        Path logDir,
        ProgressListener progress) {
    public AgentInvocation {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(workdir, "workdir");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(logDir, "logDir");
        input = Map.copyOf(input);
        env = Map.copyOf(env);
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** An invocation nobody follows while it runs. */
    public AgentInvocation(
            AgentDefinition definition,
            String taskId,
            String agentId,
            int iteration,
            Phase phase,
            String mode,
            Path workdir,
            Map<String, Object> input,
            Map<String, String> env,
            Duration timeout,
            Path logDir) {
        this(definition, taskId, agentId, iteration, phase, mode, workdir, input, env, timeout, logDir, null);
    }

    /** The same invocation, followed by {@code listener}. */
    public AgentInvocation withProgress(ProgressListener listener) {
        return new AgentInvocation(
                definition, taskId, agentId, iteration, phase, mode, workdir, input, env, timeout, logDir, listener);
    }
}
