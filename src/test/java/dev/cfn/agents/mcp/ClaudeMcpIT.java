package dev.cfn.agents.mcp;

import static dev.cfn.agents.bench.ScriptedReply.call;
import static dev.cfn.agents.bench.ScriptedReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.protocol.Phase;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillLoader;
import dev.cfn.testing.ClaudeCli;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Claude Code CLI, run by cfn's spawner against a scripted Messages API, reaches the
 * orchestrator's MCP endpoint: it loads skills with {@code mcp__cfn__skills_for_agent} and answers
 * with {@code mcp__cfn__report_result} only, and with {@code skill_mode: plugin} it loads its skills
 * through Claude Code's own Skill tool.
 */
class ClaudeMcpIT extends SqliteTest {
    private ScriptedMessagesApi api;
    private AgentSpawner spawner;
    private Path workdir;

    @BeforeEach
    void start() throws IOException {
        ClaudeCli.assumeInstalled();
        api = ScriptedMessagesApi.start();
        Map<String, String> env = ClaudeCli.env(api, dir);
        propose(SkillMd.of("tdd").body("SKILL BODY: write the test first."));
        registry.deploy(new DeployRequest("tdd", null, List.of("coder"), 3, false, Mapping.Conditions.NONE, false));
        Function<LoadRequest, List<LoadedSkill>> loader = request -> SkillLoader.loadOnce(db, request);
        spawner = AgentSpawner.create(SpawnerSettings.defaults().withEnv(env), loader);
        workdir = Files.createDirectories(dir.resolve("work"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (api != null) {
            spawner.close();
            api.close();
            ProcessReaper.global().awaitSweeps();
            assertThat(ClaudeCli.alive(dir.resolve("claude-config")))
                    .as("claude processes left")
                    .isEmpty();
        }
    }

    @Test
    void an_agent_loads_skills_and_reports_its_answer_only_through_cfn_tools() throws Exception {
        api.forAgent(
                "coder",
                call("mcp__cfn__skills_for_agent", Map.of("agent_type", "coder", "phase", "loop3")),
                call(
                        "mcp__cfn__report_result",
                        Map.of(
                                "confidence",
                                0.83,
                                "status",
                                "success",
                                "summary",
                                "reported through the tool",
                                "files",
                                List.of("a.py"))),
                say("Done."));

        AgentResult r = spawner.run(invocation(definition(Map.of())));

        assertThat(r.status()).as(r.toString()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.83);
        assertThat(r.summary()).isEqualTo("reported through the tool");
        assertThat(r.files()).containsExactly("a.py");
        List<ScriptedMessagesApi.Request> requests = api.requestsOf("coder");
        assertThat(requests.get(0).system()).contains("mcp__cfn__report_result");
        assertThat(requests.get(1).conversation()).contains("SKILL BODY: write the test first.");
        assertThat(requests.get(2).conversation()).contains("\"recorded\"");
        try (Stream<Path> files = Files.list(dir.resolve("logs").resolve("task-1"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the MCP config (with the run's token) is removed after the run")
                    .noneMatch(n -> n.endsWith(".mcp.json"));
        }
    }

    @Test
    void with_skill_mode_plugin_claude_codes_skill_tool_loads_a_skill_that_is_not_in_the_prompt() throws Exception {
        api.forAgent(
                "coder",
                call("Skill", Map.of("skill", "cfn-skills:tdd")),
                call("mcp__cfn__report_result", Map.of("confidence", 0.7, "status", "success", "summary", "used tdd")),
                say("Done."));

        AgentResult r = spawner.run(invocation(definition(Map.of("skill_mode", "plugin"))));

        assertThat(r.status()).as(r.toString()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.7);
        List<ScriptedMessagesApi.Request> requests = api.requestsOf("coder");
        assertThat(requests.get(0).system())
                .contains("cfn-skills:tdd v1.0.0")
                .doesNotContain("SKILL BODY: write the test first.");
        assertThat(requests.get(0).conversation()).doesNotContain("SKILL BODY");
        assertThat(requests.get(1).conversation()).contains("SKILL BODY: write the test first.");
        try (Stream<Path> files = Files.list(dir.resolve("logs").resolve("task-1"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the run-private plugin is removed after the run")
                    .noneMatch(n -> n.endsWith(".plugin"));
        }
    }

    private AgentDefinition definition(Map<String, Object> extra) {
        return new AgentDefinition(
                "coder",
                "a test agent",
                List.of("Read"),
                null,
                RuntimeKind.CLAUDE_CODE,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(60),
                false,
                null,
                null,
                "Write code.",
                dir.resolve("coder.md"),
                extra);
    }

    private AgentInvocation invocation(AgentDefinition d) {
        List<Map<String, Object>> skills = SkillLoader.loadOnce(db, LoadRequest.of("coder")).stream()
                .map(s -> Map.<String, Object>of("name", s.name(), "version", s.version(), "content", s.content()))
                .toList();
        return new AgentInvocation(
                d,
                "task-1",
                "coder-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                workdir,
                Map.of("task", "code", "iteration", 1, "skills", skills),
                Map.of(),
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }
}
