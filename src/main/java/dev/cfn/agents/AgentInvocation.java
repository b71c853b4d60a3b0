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
        Path logDir) {
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
    }
}
