package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentResult;
import dev.cfn.protocol.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate, the deliverable check and the product owner, through a real executor and real agents. */
class LoopGatesIT {
    @TempDir
    Path tmp;

    private TestAgents agents;
    private Path workdir;
    private LoopHarness loop;

    @BeforeEach
    void setUp() throws Exception {
        agents = new TestAgents(tmp.resolve("agents"));
        workdir = Files.createDirectories(tmp.resolve("work"));
        agents.agent("val", "validator", answer("{\"confidence\": 1.0}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}"));
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
    }

    private RunReport run(List<String> loop3, String owner, List<String> files, int maxIterations) {
        loop = new LoopHarness(tmp.resolve("home"), agents.dir());
        return loop.executor.start(
                LoopHarness.settings("write x", maxIterations, loop3, List.of("val"), owner, files, workdir));
    }

    @Test
    void an_implementer_reporting_095_without_writing_the_file_gets_no_validators_and_iterates() {
        agents.agent("vapor", "implementer", answer("{\"confidence\": 0.95, \"files\": [\"x.py\"]}"));

        RunReport report = run(List.of("vapor"), "po", List.of("x.py"), 2);

        IterationRecord first = report.perIteration().get(0);
        assertThat(first.gateScore()).isEqualTo(0.95);
        assertThat(first.gatePassed()).isTrue();
        assertThat(first.deliverablesOk()).isFalse();
        assertThat(first.deliverableProblems()).containsExactly("expected file x.py does not exist");
        assertThat(first.consensusScore()).isNull();
        assertThat(first.decision()).isEqualTo(Decision.ITERATE);
        assertThat(first.reason()).isEqualTo("deliverables missing or unchanged");
        assertThat(first.feedback())
                .extracting(f -> f.severity() + " " + f.message())
                .contains("CRITICAL expected file x.py does not exist");
        assertThat(agents.calls("val")).as("no consensus on vapor").isZero();
        assertThat(agents.calls("po")).isZero();
        assertThat(agents.feedbackSeen("vapor-2-1")).contains("CRITICAL expected file x.py does not exist");
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitReason())
                .isEqualTo("iteration budget of 2 spent; last: deliverables missing or unchanged");
    }

    @Test
    void a_file_that_exists_but_did_not_change_since_the_start_is_no_deliverable() throws Exception {
        Files.writeString(workdir.resolve("x.py"), "print('old')\n");
        agents.agent("lazy", "implementer", answer("{\"confidence\": 0.95}"));

        RunReport report = run(List.of("lazy"), "po", List.of("x.py"), 1);

        assertThat(report.perIteration().get(0).deliverableProblems())
                .containsExactly("expected file x.py did not change since the run started");
        assertThat(agents.calls("val")).isZero();
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void a_product_owner_that_times_out_aborts_the_run_with_that_reason() {
        agents.agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        agents.agent("slow-po", "product-owner", "1s", "sleep 30");

        RunReport report = run(List.of("impl"), "slow-po", List.of(), 3);

        assertThat(report.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(report.iterations()).isEqualTo(1);
        assertThat(report.finalDecision()).isEqualTo(Decision.ABORT);
        assertThat(report.exitReason()).isEqualTo("product owner timed out");
        AgentResult owner = loop.store.results(report.runId(), 1).get("slow-po-1-1");
        assertThat(owner.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(loop.store.run(report.runId()).orElseThrow().exitReason()).isEqualTo("product owner timed out");
        assertThat(loop.count(
                        "SELECT COUNT(*) FROM loop_decisions WHERE run_id = ? AND decision = 'ABORT'"
                                + " AND reason = 'product owner timed out'",
                        report.runId()))
                .isEqualTo(1);
    }

    @Test
    void a_product_owner_without_validators_decides_on_the_gate_alone() {
        agents.agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        loop = new LoopHarness(tmp.resolve("home"), agents.dir());

        RunReport report = loop.executor.start(
                LoopHarness.settings("write x", 1, List.of("impl"), List.of(), "po", List.of(), workdir));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(report.finalDecision()).isEqualTo(Decision.PROCEED);
        assertThat(agents.calls("po")).isEqualTo(1);
        assertThat(agents.stdin("po-1-1").has("gate")).isTrue();
        assertThat(agents.stdin("po-1-1").has("consensus"))
                .as("no validators, no consensus")
                .isFalse();
    }

    @Test
    void each_iteration_gets_the_previous_iterations_feedback_and_the_first_gets_none() {
        agents.agent(
                "critic",
                "implementer",
                answer(
                        "{\"confidence\": 0.5, \"feedback\": [{\"severity\": \"WARNING\", \"message\": \"too slow\"}]}"));

        RunReport report = run(List.of("critic"), "po", List.of(), 2);

        assertThat(agents.feedbackSeen("critic-1-1")).isEmpty();
        assertThat(agents.feedbackSeen("critic-2-1"))
                .as("a warning naming no file or agent of its own is not its concern")
                .containsExactly("CRITICAL gate: mean confidence 0.500 is below 0.70");
        assertThat(agents.stdin("critic-2-1").get("feedback_all"))
                .extracting(
                        f -> f.get("severity").asText() + " " + f.get("message").asText())
                .containsExactly("CRITICAL gate: mean confidence 0.500 is below 0.70", "WARNING too slow");
        assertThat(agents.stdin("critic-2-1").get("iteration").asInt()).isEqualTo(2);
        assertThat(report.perIteration()).extracting(IterationRecord::gateScore).containsExactly(0.5, 0.5);
    }
}
