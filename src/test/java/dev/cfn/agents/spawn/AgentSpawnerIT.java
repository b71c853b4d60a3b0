package dev.cfn.agents.spawn;

import static dev.cfn.agents.AgentFixtures.command;
import static dev.cfn.agents.AgentFixtures.invocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSpawnerIT {
    @TempDir
    Path dir;

    @Test
    void an_agent_whose_runtime_is_unavailable_is_a_retriable_failure_that_names_why() {
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

        try (AgentSpawner spawner =
                AgentSpawner.create(SpawnerSettings.defaults().withEnv(Map.of()))) {
            assertThatThrownBy(() -> spawner.run(invocation(ghost, dir, Duration.ofSeconds(10))))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageStartingWith("cannot start agent ghost-1-1 (");
            assertThatThrownBy(() -> spawner.run(invocation(llm, dir, Duration.ofSeconds(10))))
                    .isInstanceOf(RetriableException.class)
                    .hasMessage("ANTHROPIC_API_KEY is not set: agent llm (provider anthropic) cannot call its API");
            assertThat(spawner.run(invocation(ok, dir, Duration.ofSeconds(10))).status())
                    .as("the spawner still runs the agents it can")
                    .isEqualTo(AgentResult.Status.SUCCESS);
        }
    }
}
