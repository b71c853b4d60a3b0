package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options of {@code cfn loadtest}: exit 2 (3 for a missing agent), one line naming the option, nothing run. */
class LoadtestCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--agents, 0, '--agents must be from 1 to 2000, but was 0'",
        "--agents, -3, '--agents must be from 1 to 2000, but was -3'",
        "--agents, 5000, '--agents must be from 1 to 2000, but was 5000'",
        "--agents, many, '''many'' is not an int'",
        "--duration, 0, '--duration must be from 1 to 86400 seconds, but was 0'",
        "--duration, -5, '--duration must be from 1 to 86400 seconds, but was -5'",
        "--duration, 999999999, '--duration must be from 1 to 86400 seconds, but was 999999999'",
        "--duration, 30x, '''30x'' is not a long'",
        "--runtime, fast, '--runtime must be process or warm, but was ''fast'''",
    })
    void a_bad_value_exits_2_with_one_line_naming_it(String option, String value, String message) {
        CliRun run = run("loadtest", option, value);

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains(message).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void agents_dir_without_an_agent_is_rejected() {
        CliRun run = run("loadtest", "--agents-dir", dir.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).isEqualTo("cfn: --agents-dir needs --agent NAME" + System.lineSeparator());
    }

    @Test
    void an_agent_missing_from_the_folder_exits_3() {
        CliRun run = run("loadtest", "--agents-dir", dir.toString(), "--agent", "ghost");

        assertThat(run.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("agent 'ghost' not found in " + dir).hasLineCount(1);
    }

    @Test
    void only_command_agents_can_be_load_tested() throws Exception {
        Files.writeString(
                dir.resolve("llm.md"), "---\nname: llm\ndescription: calls a model\nruntime: anthropic\n---\n");

        CliRun run = run("loadtest", "--agents-dir", dir.toString(), "--agent", "llm");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("--agent llm must be a command agent, but its runtime is anthropic");
    }

    @Test
    void the_runtime_must_match_the_agents_own() throws Exception {
        Files.writeString(
                dir.resolve("echo.md"),
                "---\nname: echo\ndescription: one shot\ncommand: [\"/bin/echo\", \"{}\"]\n---\n");

        CliRun run = run("loadtest", "--agents-dir", dir.toString(), "--agent", "echo", "--runtime", "warm");

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("--runtime warm does not match agent echo, which runs process");
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", dir.resolve("home").toString()));
        all.addAll(List.of(args));
        return CliRun.of(Map.of(), all);
    }
}
