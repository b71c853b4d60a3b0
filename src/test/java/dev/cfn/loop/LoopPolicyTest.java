package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.protocol.Decision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopPolicyTest {
    private static final LoopSettings MVP = new LoopSettings(
            "build it",
            "mvp",
            0.70,
            0.80,
            3,
            0.66,
            List.of("coder", "coder", "coder"),
            List.of("tester"),
            "owner",
            List.of(),
            "/tmp",
            4);
    private final LoopPolicy policy = new LoopPolicy(MVP);

    static AgentResult reported(String id, double confidence) {
        return AgentResult.builder(id, "coder")
                .confidence(confidence, null)
                .summary("ok")
                .exitCode(0)
                .duration(Duration.ofMillis(5))
                .build();
    }

    static AgentResult silent(String id) {
        return AgentResult.builder(id, "coder")
                .confidence(0.0, "no confidence reported")
                .exitCode(0)
                .duration(Duration.ofMillis(5))
                .build();
    }

    static AgentResult owner(Decision decision, AgentResult.Status status) {
        return AgentResult.builder("owner-1-1", "owner")
                .status(status)
                .confidence(0.9, null)
                .decision(decision, "because")
                .exitCode(0)
                .duration(Duration.ofMillis(5))
                .build();
    }

    @Test
    void a_silent_agent_counts_0_in_the_mean_and_the_quorum_with_its_reason() {
        Gate gate = policy.gate(List.of(reported("a", 0.9), reported("b", 0.9), silent("c")));
        assertThat(gate.reported()).isEqualTo(2);
        assertThat(gate.score()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gate.quorumMet()).isTrue();
        assertThat(gate.passed()).isFalse();
        assertThat(gate.reason())
                .isEqualTo("gate: mean confidence 0.600 is below 0.70 (c counts 0: no confidence reported)");
    }

    @Test
    void a_failed_status_counts_0_whatever_confidence_it_reported() {
        AgentResult failed = reported("a", 0.9).toBuilder()
                .status(AgentResult.Status.FAILURE)
                .build();
        Gate gate = policy.gate(List.of(failed, reported("b", 0.9)));
        assertThat(gate.score()).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gate.reported()).isEqualTo(1);
        assertThat(gate.passed()).isFalse();
        assertThat(gate.reason()).endsWith("(a counts 0: status failure)");
    }

    @Test
    void a_crashed_or_timed_out_agent_counts_0_with_its_reason() {
        AgentResult crashed = AgentResult.failed("a", "coder", "exited with code 2: boom");
        AgentResult late = AgentResult.builder("b", "coder")
                .status(AgentResult.Status.TIMEOUT)
                .confidence(0.0, "timed out after 1s")
                .duration(Duration.ofSeconds(1))
                .build();
        Gate gate = policy.consensus(List.of(crashed, late, reported("c", 1.0)));
        assertThat(gate.score()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gate.quorumMet()).isFalse();
        assertThat(gate.reason())
                .contains("a counts 0: failure, exited with code 2: boom")
                .contains("b counts 0: timeout, timed out after 1s");
    }

    @Test
    void the_agent_word_blocked_is_a_failure() {
        assertThat(new dev.cfn.agents.AgentAnswer(0.9, null, "Blocked", null, List.of(), List.of(), null, null, "json")
                        .reportsFailure())
                .isTrue();
    }

    @Test
    void agents_that_report_nothing_never_pass_a_gate() {
        Gate gate = policy.gate(List.of(silent("a"), silent("b"), reported("c", 1.0)));
        assertThat(gate.quorumMet()).isFalse();
        assertThat(gate.passed()).isFalse();
        assertThat(gate.reason()).contains("only 1 of 3 agents reported a confidence");
    }

    @Test
    void gate_fails_below_threshold_and_says_so() {
        Gate gate = policy.gate(List.of(reported("a", 0.5), reported("b", 0.6), reported("c", 0.7)));
        assertThat(gate.passed()).isFalse();
        assertThat(gate.reason()).contains("mean confidence 0.600 is below 0.70");
    }

    @Test
    void consensus_uses_its_own_threshold() {
        Gate consensus = policy.consensus(List.of(reported("t", 0.79)));
        assertThat(consensus.passed()).isFalse();
        assertThat(policy.consensus(List.of(reported("t", 0.80))).passed()).isTrue();
    }

    @Test
    void missing_deliverables_force_iterate_whatever_the_owner_says() {
        Gate ok = policy.gate(List.of(reported("a", 1.0)));
        var outcome = policy.afterIteration(false, ok, ok, owner(Decision.PROCEED, AgentResult.Status.SUCCESS));
        assertThat(outcome.decision()).isEqualTo(Decision.ITERATE);
        assertThat(outcome.reason()).contains("deliverables");
    }

    @Test
    void failed_consensus_iterates_without_asking_the_owner() {
        Gate ok = policy.gate(List.of(reported("a", 1.0)));
        Gate weak = policy.consensus(List.of(reported("t", 0.1)));
        var outcome = policy.afterIteration(true, ok, weak, owner(Decision.PROCEED, AgentResult.Status.SUCCESS));
        assertThat(outcome.decision()).isEqualTo(Decision.ITERATE);
        assertThat(outcome.source()).isEqualTo("policy");
    }

    @Test
    void owner_decides_when_everything_passed() {
        Gate ok = policy.gate(List.of(reported("a", 1.0)));
        assertThat(policy.afterIteration(true, ok, ok, owner(Decision.PROCEED, AgentResult.Status.SUCCESS))
                        .decision())
                .isEqualTo(Decision.PROCEED);
        assertThat(policy.afterIteration(true, ok, ok, owner(Decision.ABORT, AgentResult.Status.SUCCESS))
                        .decision())
                .isEqualTo(Decision.ABORT);
    }

    @Test
    void an_unparseable_or_late_owner_answer_aborts_with_the_reason() {
        Gate ok = policy.gate(List.of(reported("a", 1.0)));
        var garbled = policy.afterIteration(true, ok, ok, owner(null, AgentResult.Status.SUCCESS));
        assertThat(garbled.decision()).isEqualTo(Decision.ABORT);
        assertThat(garbled.reason()).isEqualTo("product owner gave no parseable decision");
        var late = policy.afterIteration(true, ok, ok, owner(null, AgentResult.Status.TIMEOUT));
        assertThat(late.decision()).isEqualTo(Decision.ABORT);
        assertThat(late.reason()).isEqualTo("product owner timed out");
    }

    @Test
    void the_iteration_budget_is_counted() {
        assertThat(policy.mayIterate(2)).isTrue();
        assertThat(policy.mayIterate(3)).isFalse();
    }

    @Test
    void silent_agents_and_failures_become_feedback() {
        var feedback = LoopPolicy.feedbackOf(List.of(silent("c-1-1")), "gate failed");
        assertThat(feedback)
                .extracting(Feedback::message)
                .containsExactly("gate failed", "c-1-1: no confidence reported");
        assertThat(feedback.get(0).severity()).isEqualTo(Feedback.Severity.CRITICAL);
    }

    @Test
    void settings_reject_bad_values_with_the_option_named() {
        assertThatThrownBy(() -> new LoopSettings(
                        "t", "fast", 0.7, 0.8, 3, 0.66, List.of("a"), List.of(), null, List.of(), "/tmp", 4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--mode must be mvp, standard or enterprise, but was 'fast'");
        assertThatThrownBy(() -> new LoopSettings(
                        "t", "mvp", 1.7, 0.8, 3, 0.66, List.of("a"), List.of(), null, List.of(), "/tmp", 4))
                .hasMessage("--gate must be above 0 and at most 1, but was 1.7");
        assertThatThrownBy(() -> new LoopSettings(
                        "t",
                        "mvp",
                        0.7,
                        0.8,
                        3,
                        0.66,
                        List.of("a"),
                        List.of(),
                        null,
                        List.of("../etc/passwd"),
                        "/tmp",
                        4))
                .hasMessage("--expected-files must be relative paths inside the workdir, but was '../etc/passwd'");
    }
}
