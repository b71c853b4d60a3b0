package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.SkillMd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the orchestrator while Loop 2 runs, then {@code cfn loop resume}: stored results are
 * reused (not re-run, not counted twice), the dead run's leftover agents are ended, the run ends.
 */
class LoopCrashResumeIT {
    @TempDir
    Path tmp;

    private long deadPid = -1;

    @AfterEach
    void noAgentLeft() {
        if (deadPid > 0) {
            AgentProcesses.kill(deadPid);
        }
    }

    @Test
    void a_run_whose_orchestrator_was_killed_resumes_without_rerunning_or_recounting_stored_agents() throws Exception {
        Cfn cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        String stuckOnFirstRun = "[ \"$(wc -l < '" + agents.callsFile("stuck-val") + "')\" -eq 1 ] && sleep 300\n"
                + answer("{\"confidence\": 0.9}");
        agents.agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("fast-val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("stuck-val", "validator", "60s", stuckOnFirstRun)
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        SkillMd.of("review").writeIn(tmp.resolve("skills"));
        cfn.run("skill", "import", tmp.resolve("skills").toString()).ok();
        cfn.run("skill", "deploy", "review", "--agents", "impl,fast-val,stuck-val,po")
                .ok();

        Cfn.Running first = cfn.startWithHome(
                "loop",
                "run",
                "write x",
                "--allow-unchanged",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--json");
        deadPid = first.process().pid();
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.calls("stuck-val") == 1 && storedResults() == 2);
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(AgentProcesses.of(deadPid))
                .as("the stuck validator outlives its orchestrator")
                .isNotEmpty();
        String runId;
        try (StoredRuns db = StoredRuns.of(cfn)) {
            runId = db.text("SELECT id FROM loop_runs WHERE status = 'running'");
        }

        JsonNode doc = cfn.run(
                        "loop", "resume", runId, "--agents-dir", agents.dir().toString(), "--json")
                .ok()
                .json();

        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(doc.get("iterations").asInt()).isEqualTo(1);
        assertThat(doc.get("per_iteration").get(0).get("loop2_consensus").asDouble())
                .isEqualTo(0.95);
        assertThat(agents.calls("impl")).as("stored: not re-run").isEqualTo(1);
        assertThat(agents.calls("fast-val")).as("stored: not re-run").isEqualTo(1);
        assertThat(agents.calls("stuck-val")).as("never stored: run again").isEqualTo(2);
        assertThat(agents.calls("po")).isEqualTo(1);
        assertThat(AgentProcesses.of(deadPid))
                .as("the dead run's agents were ended")
                .isEmpty();
        try (StoredRuns db = StoredRuns.of(cfn)) {
            assertThat(db.count("SELECT COUNT(*) FROM agent_results WHERE run_id = ?", runId))
                    .isEqualTo(4);
            assertThat(db.count("SELECT COUNT(DISTINCT agent_id) FROM skill_usage_log WHERE task_id = ?", runId))
                    .isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM skill_usage_log WHERE task_id = ?", runId))
                    .as("one usage row per skill per stored agent run")
                    .isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM loop_decisions WHERE run_id = ?", runId))
                    .isEqualTo(1);
        }
        assertThat(cfn.run("loop", "resume", runId).fails(4)).contains("already ended (success)");
    }

    private long storedResults() {
        Path db = tmp.resolve("home").resolve("cfn.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (StoredRuns runs = StoredRuns.of(db)) {
            return runs.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'agent_results'") == 0
                    ? 0
                    : runs.count("SELECT COUNT(*) FROM agent_results");
        }
    }
}
