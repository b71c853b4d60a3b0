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
 * @param sessions where a runtime that keeps conversations (Claude Code) finds and keeps this
 *     agent slot's session; {@link SessionStore#NONE} to start afresh (not sent to workers)
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
        ProgressListener progress,
        SessionStore sessions) {
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
        sessions = sessions == null ? SessionStore.NONE : sessions;
    }

    /** An invocation followed by {@code progress}, keeping no session. */
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
            Path logDir,
            ProgressListener progress) {
        this(definition, taskId, agentId, iteration, phase, mode, workdir, input, env, timeout, logDir, progress, null);
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
        this(definition, taskId, agentId, iteration, phase, mode, workdir, input, env, timeout, logDir, null, null);
    }

    /** The same invocation, followed by {@code listener}. */
    public AgentInvocation withProgress(ProgressListener listener) {
        return new AgentInvocation(
                definition,
                taskId,
                agentId,
                iteration,
                phase,
                mode,
                workdir,
                input,
                env,
                timeout,
                logDir,
                listener,
                sessions);
    }

    /** The same invocation, keeping its slot's session in {@code store}. */
    public AgentInvocation withSessions(SessionStore store) {
        return new AgentInvocation(
                definition,
                taskId,
                agentId,
                iteration,
                phase,
                mode,
                workdir,
                input,
                env,
                timeout,
                logDir,
                progress,
                store);
    }

    /**
     * The agent's slot: what stays the same from one iteration to the next, its type and instance
     * ({@code coder-1} for the agent {@code coder-2-1} of iteration 2); the agent id itself when it
     * is not of the form {@code {type}-{iteration}-{instance}}.
     */
    public String slot() {
        String marker = "-" + iteration + "-";
        int at = agentId.lastIndexOf(marker);
        if (at <= 0) {
            return agentId;
        }
        String instance = agentId.substring(at + marker.length());
        return instance.isEmpty() || !instance.chars().allMatch(Character::isDigit)
                ? agentId
                : agentId.substring(0, at) + "-" + instance;
    }
}
