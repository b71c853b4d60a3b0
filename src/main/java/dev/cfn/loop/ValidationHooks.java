package dev.cfn.loop;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code validation_hooks} of a run's implementers, after Loop 3 (when the run enables hooks):
 * an entry naming a defined agent runs that agent as an extra Loop 2 validator; any other entry is a
 * command run in the workdir ({@code sh -c}), whose failure is a CRITICAL problem of the iteration
 * (it iterates, with the hook's output as the reason). Each entry runs once per iteration.
 */
final class ValidationHooks {
    private ValidationHooks() {}

    /** Failed commands, and the agents to add to Loop 2 (not already in it). */
    record Outcome(List<String> failures, List<String> agents) {}

    static Outcome run(
            AgentBatch batch, LoopSettings settings, String runId, int iteration, Map<String, Object> input) {
        Set<String> agents = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : new LinkedHashSet<>(settings.loop3())) {
            AgentDefinition implementer = batch.team().get(name);
            for (String entry : Hooks.validationHooks(implementer)) {
                if (!done.add(entry)) {
                    continue;
                }
                if (batch.team().definitions().containsKey(entry)) {
                    if (!settings.loop2().contains(entry)) {
                        agents.add(entry);
                    }
                    continue;
                }
                AgentInvocation at = new AgentInvocation(
                        implementer,
                        runId,
                        "validation-" + iteration + "-" + done.size(),
                        iteration,
                        Phase.LOOP2,
                        settings.mode(),
                        Path.of(settings.workdir()),
                        input,
                        Map.of(),
                        implementer.effectiveTimeout(),
                        batch.logDir());
                batch.hooks().run(at, "validation", entry).ifPresent(failures::add);
            }
        }
        return new Outcome(failures, List.copyOf(agents));
    }
}
