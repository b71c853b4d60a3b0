package dev.cfn.agents.llm.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.json.Json;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolBoxTest {
    @TempDir
    Path tmp;

    private Path work;
    private ToolBox tools;
    private int ids;

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
        AgentDefinition d = new AgentDefinition(
                "coder",
                "Writes code",
                List.of(),
                null,
                RuntimeKind.OPENAI,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                null,
                false,
                null,
                null,
                "",
                tmp.resolve("agents/coder.md"),
                Map.of());
        AgentInvocation inv = new AgentInvocation(
                d,
                "task-1",
                "coder-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                work,
                Map.of(),
                Map.of(),
                Duration.ofSeconds(30),
                tmp.resolve("home/logs"));
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "ANTHROPIC_API_KEY", "sk-secret-key");
        ProcessRunner runner =
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(1), env);
        tools = ToolBox.of(
                d.toolsOrDefault(), PathGuard.of(work, List.of()), runner, inv, () -> Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        ProcessReaper.global().awaitSweeps();
    }

    private ToolOutcome call(String tool, Map<String, Object> input) {
        JsonNode node = Json.mapper().valueToTree(input);
        return tools.run(new ToolCall("call-" + ++ids, tool, node));
    }

    @Test
    void an_implementer_is_offered_claude_codes_six_tools_with_their_input_fields() {
        assertThat(tools.specs())
                .extracting(ToolSpec::name)
                .containsExactly("Read", "Write", "Edit", "Glob", "Grep", "Bash");
        ToolSpec edit = tools.specs().get(2);
        assertThat(edit.properties()).containsOnlyKeys("file_path", "old_string", "new_string", "replace_all");
        assertThat(edit.required()).containsExactly("file_path", "old_string", "new_string");
    }

    @Test
    void read_numbers_lines_as_cat_n_does_at_every_width() {
        for (long n : new long[] {1, 42, 99_999, 123_456, 1_234_567, 12_345_678_901L}) {
            assertThat(ReadTool.number(new StringBuilder(), n).toString()).isEqualTo(String.format("%6d", n));
        }
    }

    @Test
    void write_read_and_edit_a_file() throws Exception {
        assertThat(call("Write", Map.of("file_path", "src/app.py", "content", "a = 1\nb = 2\n"))
                        .error())
                .isFalse();
        assertThat(Files.readString(work.resolve("src/app.py"))).isEqualTo("a = 1\nb = 2\n");

        ToolOutcome read = call("Read", Map.of("file_path", "src/app.py", "offset", 2));
        assertThat(read.text()).isEqualTo("     2\tb = 2\n");

        ToolOutcome edit =
                call("Edit", Map.of("file_path", "src/app.py", "old_string", "b = 2", "new_string", "b = 3"));
        assertThat(edit.error()).isFalse();
        assertThat(Files.readString(work.resolve("src/app.py"))).isEqualTo("a = 1\nb = 3\n");
    }

    @Test
    void an_edit_whose_text_is_not_unique_is_an_error_and_changes_nothing() throws Exception {
        Files.writeString(work.resolve("x.txt"), "same\nsame\n");

        ToolOutcome edit = call("Edit", Map.of("file_path", "x.txt", "old_string", "same", "new_string", "other"));

        assertThat(edit.error()).isTrue();
        assertThat(edit.text()).contains("occurs 2 times");
        assertThat(Files.readString(work.resolve("x.txt"))).isEqualTo("same\nsame\n");
        assertThat(call(
                                "Edit",
                                Map.of(
                                        "file_path",
                                        "x.txt",
                                        "old_string",
                                        "same",
                                        "new_string",
                                        "o",
                                        "replace_all",
                                        true))
                        .error())
                .isFalse();
        assertThat(Files.readString(work.resolve("x.txt"))).isEqualTo("o\no\n");
    }

    @Test
    void glob_and_grep_find_files_and_lines() throws Exception {
        Files.createDirectories(work.resolve("src/deep"));
        Files.writeString(work.resolve("src/deep/a.py"), "def greet():\n    pass\n");
        Files.writeString(work.resolve("b.txt"), "greet me\n");

        assertThat(call("Glob", Map.of("pattern", "**/*.py")).text()).isEqualTo("src/deep/a.py\n");
        assertThat(call("Grep", Map.of("pattern", "greet", "glob", "*.py")).text())
                .isEqualTo("src/deep/a.py:1: def greet():\n");
        assertThat(call("Grep", Map.of("pattern", "gre+t")).text()).contains("b.txt:1: greet me");
    }

    @Test
    void a_path_outside_is_a_tool_error_and_nothing_is_written() {
        ToolOutcome out = call("Write", Map.of("file_path", "../escaped.txt", "content", "x"));

        assertThat(out.error()).isTrue();
        assertThat(out.text()).startsWith("access denied: '../escaped.txt'");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void bash_runs_in_the_workdir_with_its_exit_code_and_without_the_api_key() {
        ToolOutcome ok = call("Bash", Map.of("command", "pwd; echo oops >&2; echo key=$ANTHROPIC_API_KEY"));
        assertThat(ok.error()).isFalse();
        assertThat(ok.text()).contains(work.toString(), "oops", "key=").doesNotContain("sk-secret-key");

        ToolOutcome failed = call("Bash", Map.of("command", "echo no; exit 3"));
        assertThat(failed.error()).isTrue();
        assertThat(failed.text()).isEqualTo("no\n[exit code 3]");
        assertThat(tmp.resolve("home/logs/task-1")).isEmptyDirectory();
    }

    @Test
    void long_output_is_capped_with_a_marker() {
        ToolOutcome out = call("Bash", Map.of("command", "seq 1 20000"));

        assertThat(out.text()).hasSizeLessThan(ToolBox.MAX_OUTPUT + 100);
        assertThat(out.text()).containsPattern("\\[\\.\\.\\. output truncated: \\d+ more characters]$");
    }

    @Test
    void a_command_past_its_timeout_is_ended() {
        ToolOutcome out = call("Bash", Map.of("command", "sleep 30", "timeout", 300));

        assertThat(out.error()).isTrue();
        assertThat(out.text()).contains("command timed out after");
    }

    @Test
    void a_tool_not_offered_is_an_error_naming_the_tools() {
        ToolOutcome out = call("WebFetch", Map.of("url", "https://example.com"));

        assertThat(out.error()).isTrue();
        assertThat(out.text()).isEqualTo("no tool 'WebFetch': the tools are Read, Write, Edit, Glob, Grep, Bash");
    }
}
