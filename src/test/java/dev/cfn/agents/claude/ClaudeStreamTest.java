package dev.cfn.agents.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claude Code's stream-json as 2.1.332 writes it (lines trimmed to the fields cfn reads). */
class ClaudeStreamTest {
    private static final Path WORK = Path.of("/work");
    private static final String USAGE =
            "\"usage\":{\"input_tokens\":100,\"output_tokens\":1,\"cache_read_input_tokens\":50,\"cache_creation_input_tokens\":10}";

    private final List<AgentProgress> told = new ArrayList<>();
    private final ClaudeStream stream = new ClaudeStream("coder-1-1", WORK, told::add);

    private static String assistant(String id, String block) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[" + block + "]," + USAGE + "},\"session_id\":\"s-1\"}";
    }

    @Test
    void a_message_repeated_on_each_of_its_blocks_is_counted_once_and_each_tool_call_is_told() {
        stream.line("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s-1\",\"tools\":[\"Bash\"]}");
        stream.line(assistant("msg_1", "{\"type\":\"text\",\"text\":\"I'll write it.\"}"));
        stream.line(assistant(
                "msg_1",
                "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Edit\",\"input\":{\"file_path\":\"/work/src/app.py\","
                        + "\"old_string\":\"a\",\"new_string\":\"b\"}}"));
        stream.line("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}}");
        stream.line("not json: a stray line");
        stream.line(
                assistant(
                        "msg_2",
                        "{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"Bash\",\"input\":{\"command\":\"pytest -q\\n  tests\"}}"));

        assertThat(told)
                .extracting(AgentProgress::kind, AgentProgress::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TURN, "turn 1"),
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TOOL, "Edit src/app.py"),
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TURN, "turn 2"),
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TOOL, "Bash pytest -q tests"));
        assertThat(told.get(3).usage()).isEqualTo(new Usage(200, 2, 100, 20, 2, 0, 0.0));
        assertThat(stream.sessionId()).isEqualTo("s-1");
        assertThat(stream.answered()).isTrue();
        assertThat(stream.result()).isNull();
    }

    @Test
    void the_result_line_gives_the_final_usage_and_cost_and_each_denial_once_with_its_input() {
        stream.line("{\"type\":\"system\",\"subtype\":\"permission_denied\",\"tool_name\":\"Bash\","
                + "\"tool_use_id\":\"t1\",\"session_id\":\"s-1\"}");
        stream.line("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":2,"
                + "\"duration_api_ms\":179,\"session_id\":\"s-1\",\"total_cost_usd\":0.0026,"
                + "\"usage\":{\"input_tokens\":200,\"cache_creation_input_tokens\":20,\"cache_read_input_tokens\":100,"
                + "\"output_tokens\":84},\"permission_denials\":[{\"tool_name\":\"Bash\",\"tool_use_id\":\"t1\","
                + "\"tool_input\":{\"command\":\"touch pwned\"}}],\"result\":\"done\"}");

        Usage expected = new Usage(200, 84, 100, 20, 2, 179, 0.0026);
        assertThat(stream.finalUsage()).isEqualTo(expected);
        assertThat(told).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AgentProgress.Kind.USAGE);
            assertThat(p.summary()).isEqualTo("cost $0.0026");
            assertThat(p.usage()).isEqualTo(expected);
        });
        assertThat(stream.denials()).containsExactly(new ClaudeStream.Denial("Bash", "Bash touch pwned"));
        assertThat(stream.sessionId()).isEqualTo("s-1");
    }

    @Test
    void with_prices_each_turn_carries_the_cost_so_far_so_a_cost_budget_can_stop_the_agent_mid_run() {
        PriceTable prices = PriceTable.builtIn();
        ClaudeStream priced = new ClaudeStream("coder-1-1", WORK, told::add, prices);
        String model = "\"model\":\"claude-sonnet-4-5\",";
        priced.line(assistant("msg_1", "{\"type\":\"text\",\"text\":\"a\"}").replace("\"type\":\"message\",", model));
        priced.line(assistant("msg_2", "{\"type\":\"text\",\"text\":\"b\"}").replace("\"type\":\"message\",", model));

        Usage tokens = new Usage(200, 2, 100, 20, 2, 0, 0.0);
        double expected = prices.price("claude-sonnet-4-5").orElseThrow().cost(tokens);
        assertThat(expected).isPositive();
        assertThat(told.get(1).usage().costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(told.get(0).usage().costUsd()).isLessThan(expected);

        ClaudeStream capped = new ClaudeStream(
                "coder-1-1",
                WORK,
                p -> {
                    if (p.usage().costUsd() > expected / 2) {
                        throw new ProgressListener.StopAgent("budget: cost exceeded");
                    }
                },
                prices);
        capped.line(assistant("msg_1", "{\"type\":\"text\",\"text\":\"a\"}").replace("\"type\":\"message\",", model));
        assertThatThrownBy(() -> capped.line(assistant("msg_2", "{\"type\":\"text\",\"text\":\"b\"}")
                        .replace("\"type\":\"message\",", model)))
                .isInstanceOf(ProgressListener.StopAgent.class)
                .hasMessage("budget: cost exceeded");
    }

    @Test
    void a_stop_from_the_listener_passes_through_to_the_runner() {
        ClaudeStream stopping = new ClaudeStream("coder-1-1", WORK, p -> {
            throw new ProgressListener.StopAgent("cancelled by alice");
        });

        assertThatThrownBy(() -> stopping.line(assistant("msg_1", "{\"type\":\"text\",\"text\":\"hi\"}")))
                .isInstanceOf(ProgressListener.StopAgent.class)
                .hasMessage("cancelled by alice");
    }

    @Test
    void tool_summaries_name_the_main_input_and_clip_it() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(ToolSummary.of("Read", json.valueToTree(Map.of("file_path", "/elsewhere/x.py")), WORK))
                .isEqualTo("Read /elsewhere/x.py");
        assertThat(ToolSummary.of("Grep", json.valueToTree(Map.of("pattern", "TODO", "path", "src")), WORK))
                .isEqualTo("Grep TODO");
        assertThat(ToolSummary.of("mcp__x__y", json.valueToTree(Map.of("q", "z")), WORK))
                .isEqualTo("mcp__x__y z");
        assertThat(ToolSummary.of("Bash", json.valueToTree(Map.of("command", "x".repeat(500))), WORK))
                .hasSize(ToolSummary.MAX)
                .endsWith("...");
        assertThat(ToolSummary.of("TodoWrite", null, WORK)).isEqualTo("TodoWrite");
    }
}
