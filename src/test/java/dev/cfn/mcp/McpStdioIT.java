package dev.cfn.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.SkillMd;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn mcp} as an MCP client sees it: the official SDK's client starts the packaged cfn as a
 * child process and speaks MCP over its stdin and stdout.
 */
class McpStdioIT {
    @TempDir
    Path dir;

    private Cfn cfn;
    private McpSyncClient client;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        cfn = new Cfn(dir.resolve("home"), dir.resolve("scratch"));
        Path tdd = SkillMd.of("tdd-workflow")
                .description("Write the failing test first, then the code.")
                .line("tags: [testing, red-green]")
                .writeIn(dir.resolve("skills"));
        cfn.run("skill", "propose", tdd.toString()).ok();
        cfn.run("skill", "deploy", "tdd-workflow", "--agents", "coder").ok();
        ServerParameters server = ServerParameters.builder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        Cfn.jar().toString(),
                        "--home",
                        cfn.home().toString(),
                        "mcp")
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeGracefully();
            await().atMost(Duration.ofSeconds(20))
                    .alias("cfn mcp ends when its client closes stdin")
                    .until(() -> ProcessHandle.current()
                            .descendants()
                            .noneMatch(p -> p.info().commandLine().orElse("").contains(" mcp")));
        }
    }

    @Test
    void lists_cfns_tools_and_answers_with_the_cli_json_documents() throws Exception {
        assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name)
                .containsExactlyElementsOf(CfnMcpServer.TOOLS)
                .doesNotContain("report_result");

        JsonNode loaded = json(call("skills_for_agent", Map.of("agent_type", "coder", "phase", "loop3")));
        JsonNode cli = cfn.run("skill", "load", "--agent", "coder", "--phase", "loop3", "--json")
                .ok()
                .json();
        assertThat(loaded).isEqualTo(cli);
        assertThat(loaded.at("/skills/0/name").asText()).isEqualTo("tdd-workflow");

        JsonNode shown = json(call("skill_show", Map.of("name", "tdd-workflow")));
        assertThat(shown.get("content").asText()).contains("Write the failing test first");
        assertThat(shown.get("skill_status").asText()).isEqualTo("active");
        assertThat(shown.at("/mappings/0/agent_type").asText()).isEqualTo("coder");

        JsonNode found = json(call("skill_search", Map.of("query", "red-green")));
        assertThat(found.at("/skills/0/name").asText()).isEqualTo("tdd-workflow");
        assertThat(json(call("skill_search", Map.of("query", "kubernetes"))).get("skills"))
                .isEmpty();

        assertThat(json(call("loop_list", Map.of())).get("runs")).isEmpty();

        McpSchema.Resource resource = client.listResources().resources().get(0);
        assertThat(resource.uri()).isEqualTo("skill://tdd-workflow/1.0.0");
        McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(resource.uri()));
        assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
                .isEqualTo(shown.get("content").asText());
    }

    @Test
    void a_proposed_skill_waits_for_review_whatever_its_category() throws Exception {
        // testing is a category that approves itself through cfn skill propose; not through the tool
        String content = SkillMd.of("api-checks").category("testing").text();

        JsonNode proposed = json(call("skill_propose", Map.of("content", content)));

        assertThat(proposed.get("state").asText()).isEqualTo("pending");
        JsonNode pending = cfn.run("skill", "pending", "--json").ok().json();
        assertThat(pending.toString()).contains("\"api-checks\"");
        JsonNode shown = cfn.run("skill", "show", "api-checks", "--json").ok().json();
        assertThat(shown.get("state").asText()).isEqualTo("pending");
        assertThat(shown.get("mappings")).isEmpty();
    }

    @Test
    void bad_input_is_a_tool_error_with_the_clis_one_line_message() {
        McpSchema.CallToolResult missing = call("skill_show", Map.of("name", "no-such-skill"));
        String cliError = cfn.run("skill", "show", "no-such-skill").stderr().strip();
        assertThat(missing.isError()).isTrue();
        assertThat(cliError).endsWith(text(missing));
        assertThat(text(missing)).doesNotContain("\n");

        assertError(call("skill_show", Map.of()), "skill_show: argument 'name' is required");
        assertError(call("loop_list", Map.of("limit", 0)), "loop_list: limit must be 1 to 10000, but was 0");
        assertError(call("loop_status", Map.of("run_id", "nope")), "run 'nope' does not exist");
        assertError(
                call("skills_for_agent", Map.of("agent_type", "coder", "colour", "red")),
                "skills_for_agent: unknown argument 'colour' (known: agent_type, keywords, mode, phase)");
        McpSchema.CallToolResult broken = call("skill_propose", Map.of("content", "no front matter"));
        assertThat(broken.isError()).isTrue();
        assertThat(text(broken)).startsWith("content:1: ");
        McpSchema.CallToolResult loop = call(
                "loop_start",
                Map.of("task", "x", "workdir", dir.resolve("missing").toString()));
        assertThat(loop.isError()).isTrue();
        assertThat(text(loop)).contains("is not a folder");
        // loop_start reads the same fields as POST /api/loops, the run's judging and isolation included
        assertError(
                call("loop_start", Map.of("task", "x", "workdir", dir.toString(), "isolation", "vm")),
                "--isolation must be none or worktree, but was 'vm'");
        assertError(
                call("loop_start", Map.of("task", "x", "workdir", dir.toString(), "hooks", "maybe")),
                "loop_start: argument 'hooks' must be true or false, but was 'maybe'");
        assertThat(cfn.run("skill", "list", "--json").ok().json()).hasSize(1);
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    private static void assertError(McpSchema.CallToolResult result, String message) {
        assertThat(result.isError()).as(text(result)).isTrue();
        assertThat(text(result)).isEqualTo(message);
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static JsonNode json(McpSchema.CallToolResult result) throws Exception {
        assertThat(result.isError()).as(text(result)).isFalse();
        return Cfn.JSON.readTree(text(result));
    }
}
