package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.ConflictException;
import dev.cfn.protocol.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a run whose orchestrator died after storing an iteration's decision but before ending
 * the run: the stored decision ends it, no new iteration starts and no agent runs.
 */
class LoopResumeIT {
    @TempDir
    Path tmp;

    private RunReport resumeAfter(Decision decision, String reason, int maxIterations) throws Exception {
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            LoopSettings settings =
                    LoopHarness.settings("write x", maxIterations, List.of("impl"), List.of(), null, List.of(), work);
            loop.store.create("run-1", settings, Map.of(), 1_000);
            loop.store.startIteration("run-1", 1, 1_000);
            loop.store.finishIteration(
                    "run-1",
                    new IterationRecord(1, 0.9, true, null, null, true, List.of(), decision, reason, List.of()),
                    new LoopPolicy.Outcome(decision, "policy", reason),
                    2_000);

            RunReport report = loop.executor.resume("run-1");

            assertThat(agents.calls("impl")).isZero();
            assertThat(report.iterations()).isEqualTo(1);
            assertThat(loop.store.iterations("run-1")).hasSize(1);
            assertThat(loop.store.run("run-1").orElseThrow().running()).isFalse();
            return report;
        }
    }

    @Test
    void a_stored_proceed_ends_the_run_as_a_success() throws Exception {
        RunReport report = resumeAfter(Decision.PROCEED, "gate passed", 5);

        assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(report.exitReason()).isEqualTo("gate passed");
    }

    @Test
    void a_stored_abort_ends_the_run_as_aborted() throws Exception {
        RunReport report = resumeAfter(Decision.ABORT, "product owner timed out", 5);

        assertThat(report.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(report.exitReason()).isEqualTo("product owner timed out");
    }

    @Test
    void a_stored_iterate_in_the_last_iteration_ends_the_run_as_failed() throws Exception {
        RunReport report = resumeAfter(Decision.ITERATE, "gate: mean confidence 0.500 is below 0.70", 1);

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitReason())
                .isEqualTo("iteration budget of 1 spent; last: gate: mean confidence 0.500 is below 0.70");
    }

    @Test
    void a_stopped_run_resumes_from_its_unfinished_iteration_and_runs_again() throws Exception {
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            LoopSettings settings =
                    LoopHarness.settings("write x", 3, List.of("impl"), List.of(), null, List.of(), work);
            loop.store.create("run-2", settings, Map.of(), 1_000);
            loop.store.startIteration("run-2", 1, 1_000);
            assertThat(loop.store.stop("run-2", "budget: cost $0.42 exceeded $0.40", 1_500))
                    .isTrue();
            assertThat(loop.store.stop("run-2", "again", 1_600))
                    .as("only a running run stops")
                    .isFalse();
            RunRecord stopped = loop.store.run("run-2").orElseThrow();
            assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(stopped.exitReason()).isEqualTo("budget: cost $0.42 exceeded $0.40");
            assertThat(stopped.ownerPid()).isNull();

            RunReport report = loop.executor.resume("run-2");

            assertThat(agents.calls("impl")).isEqualTo(1);
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(report.iterations()).isEqualTo(1);
            assertThatThrownBy(() -> loop.executor.resume("run-2"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("run 'run-2' already ended (success): nothing to resume");
        }
    }
}
