package dev.cfn.agents.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.mcp.McpAgentEndpoint;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a Claude Code run gets besides its prompts, on a real endpoint and real files. */
class ClaudeExtrasTest {
    @TempDir
    Path dir;

    private final McpAgentEndpoint endpoint = new McpAgentEndpoint(null);

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void a_run_gets_an_owner_only_mcp_config_with_its_token_and_the_tools_and_both_go_after_it() throws Exception {
        AgentInvocation inv = invocation(Map.of());
        Path config;
        String token;
        try (ClaudeExtras extras = ClaudeExtras.prepare(inv, endpoint)) {
            List<String> options = extras.options();
            assertThat(options).hasSize(2).first().isEqualTo("--mcp-config");
            config = Path.of(options.get(1));
            token = extras.seat().token();
            assertThat(Files.readString(config))
                    .contains("\"type\":\"http\"", extras.seat().url(), "Bearer " + token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                    .isEqualTo("rw-------");
            assertThat(extras.tools()).containsExactly("mcp__cfn__report_result", "mcp__cfn__skills_for_agent");
            assertThat(endpoint.openSeats()).isEqualTo(1);
        }
        assertThat(config).doesNotExist();
        assertThat(endpoint.openSeats()).isZero();
    }

    @Test
    void skill_mode_plugin_writes_the_loaded_skills_as_a_claude_code_plugin_removed_after_the_run() throws Exception {
        AgentInvocation inv = invocation(Map.of("skill_mode", "plugin"));
        Path plugin;
        try (ClaudeExtras extras = ClaudeExtras.prepare(inv, dev.cfn.agents.AgentChannel.NONE)) {
            List<String> options = extras.options();
            assertThat(options).containsExactly("--plugin-dir", options.get(1));
            plugin = Path.of(options.get(1));
            assertThat(Files.readString(plugin.resolve(".claude-plugin/plugin.json")))
                    .contains("\"name\" : \"cfn-skills\"");
            assertThat(Files.readString(plugin.resolve("skills/tdd/SKILL.md"))).isEqualTo("---\nname: tdd\n---\nBODY");
            assertThat(extras.tools()).containsExactly("Skill");
        }
        assertThat(plugin.getParent()).doesNotExist();
    }

    @Test
    void an_agent_in_a_container_gets_neither_endpoint_nor_plugin() {
        AgentInvocation inv = invocation(Map.of("skill_mode", "plugin", "sandbox", "container"));
        try (ClaudeExtras extras = ClaudeExtras.prepare(inv, endpoint)) {
            assertThat(extras.options()).isEmpty();
            assertThat(extras.tools()).isEmpty();
            assertThat(extras.seat()).isNull();
        }
        assertThat(endpoint.url()).as("not even started").isNull();
    }

    private AgentInvocation invocation(Map<String, Object> extra) {
        AgentDefinition d = new AgentDefinition(
                "coder",
                "a test agent",
                List.of(),
                null,
                RuntimeKind.CLAUDE_CODE,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(60),
                false,
                null,
                null,
                "",
                null,
                extra);
        return new AgentInvocation(
                d,
                "task-1",
                "coder-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of(
                        "skills",
                        List.of(Map.of("name", "tdd", "version", "1.0.0", "content", "---\nname: tdd\n---\nBODY"))),
                Map.of(),
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }
}
