package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
