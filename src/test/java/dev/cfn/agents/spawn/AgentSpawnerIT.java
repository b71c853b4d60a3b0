package dev.cfn.agents.spawn;

import static dev.cfn.agents.AgentFixtures.command;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSpawnerIT {
    @TempDir
    Path dir;

    @Test
    void runs_in_parallel_within_the_bound_and_returns_results_in_input_order() throws Exception {
        // each agent marks its start and end in a shared file; later instances finish first
        Path agent = script(dir, "agent.sh", """
                #!/bin/sh
                echo "+" >> "$CFN_WORKDIR/events"
                sleep "0.$((9 - ${CFN_AGENT_ID##*-}))"
                echo "-" >> "$CFN_WORKDIR/events"
                echo "{\\"confidence\\": 0.5, \\"summary\\": \\"$CFN_AGENT_ID\\"}"
                """);
        AgentDefinition d = command("worker", List.of(agent.toString()));
        List<AgentInvocation> invocations = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            invocations.add(invocation(d, dir, Duration.ofSeconds(30), i));
        }

        List<AgentResult> results;
        try (AgentSpawner spawner =
                AgentSpawner.create(SpawnerSettings.defaults().withMaxParallel(2))) {
            results = spawner.runAll(invocations);
        }

        assertThat(results)
                .extracting(AgentResult::summary)
                .containsExactly("worker-1-1", "worker-1-2", "worker-1-3", "worker-1-4", "worker-1-5", "worker-1-6");
        int running = 0;
        int most = 0;
        for (String event : Files.readAllLines(dir.resolve("events"))) {
            running += event.equals("+") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
    }

    @Test
    void an_agent_whose_runtime_is_unavailable_fails_in_place_and_the_others_still_run() {
        AgentDefinition ok = command("ok", List.of("/bin/echo", "{\"confidence\": 1.0}"));
        AgentDefinition ghost = command("ghost", List.of(dir.resolve("missing").toString()));
        AgentDefinition llm = new AgentDefinition(
                "llm",
                "d",
                List.of(),
                null,
                RuntimeKind.ANTHROPIC,
                List.of(),
                AgentRole.VALIDATOR,
                Complexity.LOW,
                null,
                false,
                null,
                null,
                "",
                Path.of("llm.md"),
                Map.of());

        List<AgentResult> results;
        try (AgentSpawner spawner =
                AgentSpawner.create(SpawnerSettings.defaults().withEnv(Map.of()))) {
            results = spawner.runAll(List.of(
                    invocation(ok, dir, Duration.ofSeconds(10)),
                    invocation(ghost, dir, Duration.ofSeconds(10)),
                    invocation(llm, dir, Duration.ofSeconds(10))));
        }

        assertThat(results)
                .extracting(AgentResult::status)
                .containsExactly(AgentResult.Status.SUCCESS, AgentResult.Status.FAILURE, AgentResult.Status.FAILURE);
        assertThat(results.get(1).confidenceReason()).startsWith("cannot start agent ghost-1-1 (");
        assertThat(results.get(2).confidenceReason())
                .isEqualTo("ANTHROPIC_API_KEY is not set: agent llm (runtime anthropic) cannot call the Messages API");
        assertThat(results.get(2).confidence()).isZero();
    }
}
