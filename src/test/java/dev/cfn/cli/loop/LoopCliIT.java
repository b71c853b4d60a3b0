package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn loop run|show|resume} through the real jar: results, exit codes, what is stored. */
class LoopCliIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("cfn.basedir", "."))
            .resolve("examples/agents")
            .toAbsolutePath();

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

    @Test
    void an_agents_transcript_is_printed_line_by_line_and_a_missing_one_is_named() throws Exception {
        String runId = cfn.run(
                        "loop",
                        "run",
                        "t",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--allow-unchanged",
                        "--loop3",
                        "impl",
                        "--json")
                .ok()
                .json()
                .get("run_id")
                .asText();
        Path file = tmp.resolve("home/logs").resolve(runId).resolve("impl-1-1.stream.jsonl.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write("{\"type\":\"system\",\"subtype\":\"init\"}\n{\"type\":\"result\",\"num_turns\":2}\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThat(cfn.run("loop", "show", runId, "--agent-id", "impl-1-1", "--transcript")
                        .ok()
                        .stdout())
                .isEqualTo("{\"type\":\"system\",\"subtype\":\"init\"}\n{\"type\":\"result\",\"num_turns\":2}\n");
        Files.delete(file);
        assertThat(cfn.run("loop", "show", runId, "--agent-id", "impl-1-1", "--transcript")
                        .fails(3))
                .startsWith("cfn: agent 'impl-1-1' of run '" + runId + "' has no transcript at ")
                .endsWith("(claude-code, anthropic and openai agents keep one)");
        assertThat(cfn.run("loop", "show", runId, "--agent-id", "nobody-1-1", "--transcript")
                        .fails(3))
                .isEqualTo("cfn: run '" + runId + "' has no agent 'nobody-1-1' (see cfn loop show " + runId
                        + " for its agents)");
        assertThat(cfn.run("loop", "show", runId, "--transcript").fails(2))
                .isEqualTo("cfn: --transcript needs --agent-id AGENT");
    }

    @Test
    void the_example_agents_iterate_once_then_proceed_and_the_json_says_so() {
        JsonNode doc = cfn.run(
                        "loop",
                        "run",
                        "write a greeting [bug-first]",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        EXAMPLES.toString(),
                        "--expected-files",
                        "greeting.py",
                        "--mode",
                        "mvp",
                        "--json")
                .ok()
                .json();

        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(doc.get("iterations").asInt()).isEqualTo(2);
        assertThat(doc.get("final_decision").asText()).isEqualTo("PROCEED");
        assertThat(doc.get("exit_reason").asText()).isEqualTo("consensus 1.0 reached 0.8");
        assertThat(doc.get("duration_ms").asLong()).isPositive();
        JsonNode first = doc.get("per_iteration").get(0);
        assertThat(first.get("loop3_confidence").asDouble()).isEqualTo(0.9);
        assertThat(first.get("loop2_consensus").asDouble()).isEqualTo(0.75);
        assertThat(first.get("deliverables_verified").asBoolean()).isTrue();
        assertThat(first.get("decision").asText()).isEqualTo("ITERATE");
        assertThat(first.get("reason").asText()).isEqualTo("consensus: mean confidence 0.750 is below 0.80");
        JsonNode second = doc.get("per_iteration").get(1);
        assertThat(second.get("loop2_consensus").asDouble()).isEqualTo(1.0);
        assertThat(second.get("decision").asText()).isEqualTo("PROCEED");
        assertThat(work.resolve("greeting.py")).exists();

        JsonNode shown = cfn.run("loop", "show", doc.get("run_id").asText(), "--json")
                .ok()
                .json();
        assertThat(shown.get("status").asText()).isEqualTo("success");
        assertThat(shown.get("agents")).hasSize(7); // implementer and 2 validators twice, product owner once
        assertThat(cfn.run("loop", "resume", doc.get("run_id").asText(), "--agents-dir", "/nonexistent")
                        .fails(4))
                .isEqualTo("cfn: run '" + doc.get("run_id").asText() + "' already ended (success): nothing to resume");
    }

    @Test
    void an_implementer_printing_no_confidence_fails_the_gate_until_the_budget_is_spent() {
        agents.agent("mute", "implementer", "echo 'I wrote the code, it is great'");

        Cfn.Result r = cfn.run(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--allow-unchanged",
                "--loop3",
                "mute",
                "--loop2",
                "val",
                "--max-iterations",
                "2",
                "--json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = r.json();
        String gate = "gate: only 0 of 1 agents reported a confidence (quorum 0.66)";
        String reason = gate + " (mute-2-1 counts 0: no confidence reported)";
        assertThat(doc.get("status").asText()).isEqualTo("failed");
        assertThat(doc.get("exit_reason").asText()).isEqualTo("iteration budget of 2 spent; last: " + reason);
        assertThat(r.stderr()).contains("ended failed: iteration budget of 2 spent");
        assertThat(agents.calls("val")).isZero();
        assertThat(agents.feedbackSeen("mute-2-1"))
                .containsExactly(
                        "CRITICAL " + gate + " (mute-1-1 counts 0: no confidence reported)",
                        "WARNING mute-1-1: no confidence reported");
        try (StoredRuns db = StoredRuns.of(cfn)) {
            String runId = doc.get("run_id").asText();
            assertThat(db.text("SELECT exit_reason FROM loop_runs WHERE id = ?", runId))
                    .isEqualTo("iteration budget of 2 spent; last: " + reason);
            assertThat(db.text(
                            "SELECT confidence || ' ' || confidence_reason FROM agent_results"
                                    + " WHERE run_id = ? AND agent_id = 'mute-1-1'",
                            runId))
                    .isEqualTo("0.0 no confidence reported");
        }
    }

    @Test
    void a_product_owner_printing_garbage_aborts_the_run() {
        agents.agent("po", "product-owner", "echo 'hmm, let me think... maybe?'");

        Cfn.Result r = cfn.run(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--allow-unchanged",
                "--json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode doc = r.json();
        assertThat(doc.get("status").asText()).isEqualTo("aborted");
        assertThat(doc.get("final_decision").asText()).isEqualTo("ABORT");
        assertThat(doc.get("exit_reason").asText()).isEqualTo("product owner gave no parseable decision");
        assertThat(doc.get("iterations").asInt()).isEqualTo(1);
        try (StoredRuns db = StoredRuns.of(cfn)) {
            assertThat(db.text("SELECT status || ': ' || exit_reason FROM loop_runs"))
                    .isEqualTo("aborted: product owner gave no parseable decision");
        }
    }

    @Test
    void resuming_an_unknown_run_exits_3() {
        assertThat(cfn.run("loop", "resume", "run-nope").fails(3)).isEqualTo("cfn: run 'run-nope' does not exist");
    }
}
