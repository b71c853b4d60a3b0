package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.llm.FakeMessagesApi;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets and cancel through the real {@code cfn} program: {@code cfn loop run --max-cost-usd} with an
 * {@code anthropic} implementer answering from a scripted Messages API on 127.0.0.1 ($0.60 a call)
 * beside a slow command implementer; {@code cfn loop cancel} from a second process while {@code cfn
 * loop run} runs in another. Each stop ends the running agents' process trees (checked by pid and by
 * the marker cfn gives its agents), leaves the run stopped with its reason, and {@code cfn loop
 * resume} ends it.
 */
class LoopBudgetCliIT {
    @TempDir
    Path tmp;

    private FakeMessagesApi api;
    private Cfn cfn;
    private TestAgents agents;
    private Path work;
    private final List<Long> cfnPids = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        api = new FakeMessagesApi();
        api.inputTokens = 100_000;
        api.outputTokens = 20_000;
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"))
                .env("ANTHROPIC_API_KEY", "sk-ant-api03-test")
                .env("ANTHROPIC_BASE_URL", api.baseUrl());
        work = Files.createDirectories(tmp.resolve("work"));
        agents = new TestAgents(tmp.resolve("agents"));
        Path pids = Files.createDirectories(tmp.resolve("pids"));
        agents.agent(
                "slow",
                "implementer",
                "120s",
                "if [ \"$(wc -l < '" + agents.callsFile("slow") + "')\" -eq 1 ]; then echo $$ > '" + pids
                        + "/slow'; sleep 300 & echo $! > '" + pids + "/slow-child'; wait; fi\n"
                        + answer("{\"confidence\": 0.9}"));
        agents.agent("val", "validator", answer("{\"confidence\": 1.0}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        Files.writeString(
                agents.dir().resolve("llm.md"),
                "---\nname: llm\ndescription: an LLM implementer\nrole: implementer\nruntime: anthropic\n"
                        + "model: sonnet\ntimeout: 60s\n---\nWrite it.\n");
    }

    @AfterEach
    void tearDown() {
        cfnPids.forEach(AgentProcesses::kill);
        api.close();
    }

    private Cfn.Running startRun(String loop3, String... budget) {
        List<String> args = new ArrayList<>(List.of(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--allow-unchanged",
                "--loop3",
                loop3,
                "--max-iterations",
                "1"));
        args.addAll(List.of(budget));
        Cfn.Running run = cfn.startWithHome(args.toArray(String[]::new));
        cfnPids.add(run.process().pid());
        return run;
    }

    /** The slow agent's first run and its child, once both are running. */
    private List<ProcessHandle> slowProcesses() {
        Path child = tmp.resolve("pids/slow-child");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(child) && !Files.readString(child).isBlank());
        return List.of(pid("slow"), pid("slow-child")).stream()
                .map(p -> ProcessHandle.of(p).orElseThrow(() -> new AssertionError(p + " is not running")))
                .toList();
    }

    private long pid(String name) {
        try {
            return Long.parseLong(
                    Files.readString(tmp.resolve("pids").resolve(name)).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertNoAgentLeft(List<ProcessHandle> slow, long cfnPid) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(slow).noneMatch(ProcessHandle::isAlive));
        assertThat(AgentProcesses.of(cfnPid))
                .as("processes cfn started as agents")
                .isEmpty();
    }

    private String runningRunId() {
        await().atMost(Duration.ofSeconds(60)).until(() -> StoredRuns.rows(cfn.dbFile(), "loop_runs") == 1);
        try (StoredRuns db = StoredRuns.of(cfn)) {
            return db.text("SELECT id FROM loop_runs");
        }
    }

    @Test
    void a_run_past_its_cost_budget_exits_1_stopped_with_no_agent_left_and_resumes_with_a_higher_one()
            throws Exception {
        api.hold = new CountDownLatch(1);
        Cfn.Running running = startRun("llm,slow", "--max-cost-usd", "0.40");
        List<ProcessHandle> slow = slowProcesses();
        api.hold.countDown(); // the model answers while the slow implementer still runs

        Cfn.Result result = running.await();

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("ended stopped: budget: cost $0.60 exceeded $0.40");
        assertNoAgentLeft(slow, running.process().pid());
        String runId = runningRunId();
        JsonNode shown = cfn.run("loop", "show", runId, "--json").ok().json();
        assertThat(shown.get("status").asText()).isEqualTo("stopped");
        assertThat(shown.get("exit_reason").asText()).isEqualTo("budget: cost $0.60 exceeded $0.40");
        assertThat(shown.get("cost_usd").asDouble()).isEqualTo(0.6);
        assertThat(shown.get("tokens").asLong()).isEqualTo(120_000);
        assertThat(shown.get("usage").get("input_tokens").asLong()).isEqualTo(100_000);
        assertThat(shown.get("per_iteration").get(0).get("cost_usd").asDouble()).isEqualTo(0.6);
        assertThat(shown.get("budget").get("max_cost_usd").asDouble()).isEqualTo(0.4);
        assertThat(shown.get("agents"))
                .as("the agents the stop ended left no result")
                .isEmpty();
        assertThat(cfn.run("loop", "show", runId).ok().stdout())
                .contains("spent: $0.60, 120,000 tokens (100,000 in, 20,000 out; cache 0 read, 0 written), 1 turn")
                .contains("budget: --max-cost-usd $0.40");
        assertThat(cfn.run("loop", "list").ok().stdout())
                .contains("COST")
                .containsPattern(runId + "\\s+stopped\\s+1\\s+-\\s+\\$0\\.60");
        assertThat(cfn.run("loop", "resume", runId, "--agents-dir", agents.dir().toString())
                        .fails(4))
                .isEqualTo("cfn: run '" + runId + "' has spent its budget (budget: cost $0.60 exceeded $0.40): resume"
                        + " it with a higher --max-cost-usd");

        api.hold = null;
        JsonNode resumed = cfn.run(
                        "loop",
                        "resume",
                        runId,
                        "--agents-dir",
                        agents.dir().toString(),
                        "--max-cost-usd",
                        "2",
                        "--json")
                .ok()
                .json();

        assertThat(resumed.get("status").asText()).isEqualTo("success");
        assertThat(resumed.get("cost_usd").asDouble()).isEqualTo(1.2);
        assertThat(agents.calls("slow")).isEqualTo(2);
        assertThat(api.calls()).isEqualTo(2);
        assertThat(cfn.run("loop", "cancel", runId).fails(4))
                .startsWith("cfn: run '" + runId + "' is not running (success")
                .endsWith("): nothing to cancel");
    }

    @Test
    void cfn_loop_cancel_from_a_second_process_stops_the_run_another_process_drives() throws Exception {
        Cfn.Running running = startRun("slow");
        List<ProcessHandle> slow = slowProcesses();
        String runId = runningRunId();

        Cfn.Result cancel = cfn.run("loop", "cancel", runId).ok();
        Cfn.Result result = running.await();

        String who = System.getProperty("user.name");
        assertThat(cancel.stdout()).isEqualTo("run " + runId + " stopped: cancelled by " + who + "\n");
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("ended stopped: cancelled by " + who);
        assertNoAgentLeft(slow, running.process().pid());
        assertThat(cfn.run("loop", "cancel", runId).fails(4))
                .isEqualTo("cfn: run '" + runId + "' is not running (stopped: cancelled by " + who
                        + "): nothing to cancel");
        assertThat(cfn.run("loop", "cancel", "run-nope").fails(3)).isEqualTo("cfn: run 'run-nope' does not exist");

        JsonNode resumed = cfn.run(
                        "loop", "resume", runId, "--agents-dir", agents.dir().toString(), "--json")
                .ok()
                .json();
        assertThat(resumed.get("status").asText()).isEqualTo("success");
    }
}
