package dev.cfn.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.RuntimeKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstantAgentsTest {
    @Test
    void the_bundled_process_agent_is_a_one_shot_command() {
        AgentDefinition agent = InstantAgents.of(LoadRuntime.PROCESS);

        assertThat(agent.name()).isEqualTo("loadtest-instant");
        assertThat(agent.runtime()).isEqualTo(RuntimeKind.COMMAND);
        assertThat(agent.warm()).isFalse();
        assertThat(agent.command()).startsWith("/bin/echo");
        assertThat(agent.effectiveTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_bundled_warm_agent_runs_on_the_warm_pool() {
        AgentDefinition agent = InstantAgents.of(LoadRuntime.WARM);

        assertThat(agent.name()).isEqualTo("loadtest-instant-warm");
        assertThat(agent.warm()).isTrue();
        assertThat(agent.command()).startsWith("/bin/sh", "-c");
        assertThat(new LoadPlan(1, Duration.ofSeconds(1), agent).runtime()).isEqualTo("warm");
    }
}
