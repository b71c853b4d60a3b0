package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions' lifecycle and validation hooks in a real loop: run only when enabled, in the workdir. */
class LoopHooksIT {
    private static final Judging HOOKS = new Judging(List.of(), List.of(), true, false);

    @TempDir
    Path tmp;

    private static LoopSettings settings(int max, List<String> loop2, Path work, Judging judging) {
        return LoopHarness.settings("t", max, List.of("impl"), loop2, null, List.of(), work)
                .withJudging(judging);
    }

    private TestAgents lifecycle(String pre) {
        return new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "echo \"agent $CFN_AGENT_ID\" >> hooks.txt\n" + answer("{\"confidence\": 0.9}"))
                .frontMatter(
                        "impl",
                        "lifecycle:\n  pre_task: '" + pre + "'\n"
                                + "  post_task: 'echo \"post $CFN_AGENT_ID\" >> hooks.txt'\n");
    }

    @Test
    void lifecycle_hooks_run_around_the_agent_in_the_workdir_only_when_enabled() throws Exception {
        TestAgents agents = lifecycle("echo \"pre $CFN_AGENT_ID\" >> hooks.txt");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            loop.executor.start(settings(1, List.of(), work, Judging.NONE));
            assertThat(Files.readAllLines(work.resolve("hooks.txt"))).containsExactly("agent impl-1-1");

            Files.delete(work.resolve("hooks.txt"));
            RunReport report = loop.executor.start(settings(1, List.of(), work, HOOKS));
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(Files.readAllLines(work.resolve("hooks.txt")))
                    .containsExactly("pre impl-1-1", "agent impl-1-1", "post impl-1-1");
        }
    }

    @Test
    void a_failing_pre_task_fails_the_agent_which_does_not_run_with_the_hooks_output_as_reason() throws Exception {
        TestAgents agents = lifecycle("echo database is locked; exit 3");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(1, List.of(), work, HOOKS));

            assertThat(agents.calls("impl")).isZero();
            assertThat(work.resolve("hooks.txt")).doesNotExist();
            AgentResult impl = loop.store.results(report.runId(), 1).get("impl-1-1");
            assertThat(impl.status()).isEqualTo(AgentResult.Status.FAILURE);
            assertThat(impl.confidence()).isZero();
            assertThat(impl.confidenceReason())
                    .isEqualTo("pre_task hook 'echo database is locked; exit 3' failed (exited with code 3);"
                            + " output: database is locked");
            assertThat(report.perIteration().get(0).gatePassed()).isFalse();
        }
    }

    @Test
    void validation_hooks_run_an_agent_as_extra_validator_and_a_failing_command_is_critical() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "[ \"$CFN_ITERATION\" = 2 ] && echo done > result.txt\n" + answer("{\"confidence\": 0.9}"))
                .frontMatter("impl", "validation_hooks:\n  - extra-val\n  - test -f result.txt\n")
                .agent("val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("extra-val", "validator", answer("{\"confidence\": 0.9}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(2, List.of("val"), work, HOOKS));

            IterationRecord first = report.perIteration().get(0);
            assertThat(first.deliverableProblems())
                    .containsExactly("validation hook 'test -f result.txt' failed (exited with code 1)");
            assertThat(first.feedback()).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(dev.cfn.agents.Feedback.Severity.CRITICAL);
                assertThat(f.message()).startsWith("validation hook 'test -f result.txt' failed");
            });
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(agents.calls("extra-val")).isEqualTo(1);
            assertThat(loop.store.results(report.runId(), 2)).containsKeys("val-2-1", "extra-val-2-1");
            assertThat(report.perIteration().get(1).consensusScore()).isEqualTo(0.95);
        }
    }
}
