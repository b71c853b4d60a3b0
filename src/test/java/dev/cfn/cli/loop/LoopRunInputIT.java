package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code cfn loop run}: exit 2, one line naming the input and the rule, no run stored, no agent run. */
class LoopRunInputIT {
    @TempDir
    Path tmp;

    private Cfn cfn;
    private Path work;
    private TestAgents agents;

    @BeforeEach
    void setUp() throws Exception {
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        work = Files.createDirectories(tmp.resolve("work"));
        agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"));
    }

    private String fails(String... args) {
        String line = cfn.run(args).fails(2);
        assertThat(StoredRuns.rows(cfn.dbFile(), "loop_runs")).isZero();
        assertThat(agents.calls("impl")).isZero();
        return line;
    }

    @Test
    void an_unknown_agent_in_loop3_is_rejected_before_anything_runs() {
        assertThat(fails(
                        "loop",
                        "run",
                        "write x",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--loop3",
                        "impl,ghost"))
                .isEqualTo("cfn: --loop3 names agent 'ghost', which is not defined (see 'cfn agent list')");
    }

    @Test
    void a_task_given_both_as_argument_and_file_is_rejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("task.txt"), "write y\n");

        assertThat(fails(
                        "loop",
                        "run",
                        "write x",
                        "--task-file",
                        file.toString(),
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString()))
                .isEqualTo("cfn: give the task either as TASK or with --task-file, not both or neither");
    }

    @Test
    void a_missing_workdir_is_rejected() {
        Path missing = tmp.resolve("no-such-folder");

        assertThat(fails(
                        "loop",
                        "run",
                        "write x",
                        "--workdir",
                        missing.toString(),
                        "--agents-dir",
                        agents.dir().toString()))
                .isEqualTo("cfn: --workdir " + missing + " is not a folder");
        assertThat(missing).doesNotExist();
    }

    @Test
    void an_unknown_mode_is_rejected() {
        assertThat(fails(
                        "loop",
                        "run",
                        "write x",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--mode",
                        "yolo"))
                .isEqualTo("cfn: --mode must be mvp, standard or enterprise, but was 'yolo'");
    }

    private String[] run(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void a_budget_that_allows_nothing_or_is_no_amount_is_rejected_naming_the_option() {
        assertThat(fails(run("--max-cost-usd", "-1")))
                .isEqualTo("cfn: --max-cost-usd must be an amount above 0, but was -1.0");
        assertThat(fails(run("--max-tokens", "0"))).isEqualTo("cfn: --max-tokens must be at least 1, but was 0");
        assertThat(fails(run("--max-duration", "soon")))
                .isEqualTo("cfn: --max-duration must be a duration such as 90s, 5m or 2h, but was 'soon'");
        assertThat(cfn.run(run("--max-cost-usd", "cheap")).fails(2))
                .contains("--max-cost-usd")
                .contains("cheap");
    }

    @Test
    void a_malformed_price_in_the_config_is_rejected_naming_the_file_and_key() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("home")).resolve("config");
        Files.writeString(config, "price.claude-sonnet-4-6 = 3, 15\n");

        assertThat(fails(run()))
                .isEqualTo("cfn: " + config + ": price.claude-sonnet-4-6 must be four amounts in USD per million tokens"
                        + " (input, output, cache read, cache write) or a model's name, but was '3, 15'");
    }
}
