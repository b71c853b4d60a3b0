package dev.cfn.loop;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.process.Launch;
import dev.cfn.agents.process.ProcessOutcome;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hooks of agent definitions, run only when the run enables them ({@code --hooks}): {@code
 * lifecycle.pre_task} and {@code post_task} (shell commands run in the workdir before and after the
 * agent, with the agent's environment and timeout) and {@code validation_hooks} (agent names or
 * commands run after Loop 3). Each command runs as {@code sh -c COMMAND} through the agents'
 * {@link ProcessRunner} (the allowlisted environment, the timeout, its whole process tree ended);
 * its stdout and stderr go to {@code <logDir>/hooks/<hook>/<taskId>/<agentId>.out/.log}; it has the
 * agent's environment (its {@code CFN_AGENT_ID} ...) and {@code CFN_HOOK} naming the hook.
 */
final class Hooks {
    static final String PRE_TASK = "pre_task";
    static final String POST_TASK = "post_task";
    private static final int TAIL_LINES = 5;

    private final ProcessRunner runner;

    private Hooks(ProcessRunner runner) {
        this.runner = runner;
    }

    static Hooks create() {
        return new Hooks(new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(2)));
    }

    /** {@code lifecycle.<which>} of a definition, or null when it has none (or it is not a string). */
    static String lifecycle(AgentDefinition d, String which) {
        if (d.extra().get("lifecycle") instanceof Map<?, ?> m && m.get(which) instanceof String command) {
            return command.isBlank() ? null : command.strip();
        }
        return null;
    }

    /** {@code validation_hooks} of a definition: a list of agent names or commands (a string is one entry). */
    static List<String> validationHooks(AgentDefinition d) {
        Object value = d.extra().get("validation_hooks");
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s.strip());
                }
            }
        } else if (value instanceof String s && !s.isBlank()) {
            out.add(s.strip());
        }
        return out;
    }

    /**
     * Runs {@code command} for {@code agent} (its workdir, environment and timeout) as hook {@code
     * name}; empty when it exited 0, else why it failed with the end of its output.
     */
    Optional<String> run(AgentInvocation agent, String name, String command) {
        // The agent's own ids in the environment; its files under <logDir>/hooks/<name>/ so none overwrites the
        // agent's.
        AgentInvocation hook = new AgentInvocation(
                agent.definition(),
                agent.taskId(),
                agent.agentId(),
                agent.iteration(),
                agent.phase(),
                agent.mode(),
                agent.workdir(),
                agent.input(),
                agent.env(),
                agent.timeout(),
                agent.logDir().resolve("hooks").resolve(name));
        Deque<String> tail = new ArrayDeque<>();
        Launch launch = new Launch(
                List.of("sh", "-c", command), Map.of("CFN_HOOK", name), AgentFiles.file(hook, ".out"), line -> {
                    if (!line.isBlank()) {
                        if (tail.size() == TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line.strip());
                    }
                });
        ProcessOutcome outcome;
        try {
            outcome = runner.follow(hook, launch);
        } catch (CfnException e) {
            return Optional.of(name + " hook '" + command + "' could not run: " + e.getMessage());
        }
        String failure = outcome.failure(hook);
        if (failure == null) {
            return Optional.empty();
        }
        String output = tail.isEmpty() ? "" : "; output: " + String.join(" | ", tail);
        return Optional.of(name + " hook '" + command + "' failed (" + failure + ")" + output);
    }
}
