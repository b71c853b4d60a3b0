package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.cfn.ConflictException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.llm.FakeMessagesApi;
import dev.cfn.loop.session.RunCancel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets and cancel on a real executor: real agent processes, a real SQLite file, and an {@code
 * anthropic} agent answering from a scripted Messages API on 127.0.0.1 (100,000 input and 20,000
 * output tokens of sonnet: $0.60 a call). A stop ends the agents running (their process trees gone),
 * starts none, and stores the run as stopped with its reason; a resume with a higher budget ends it.
 */
class LoopBudgetIT {
    private static final double CALL_USD = 0.30 + 0.30;

    @TempDir
    Path tmp;

    private FakeMessagesApi api;
    private TestAgents agents;
    private LoopHarness loop;
    private Path work;

    @BeforeEach
    void start() throws Exception {
        api = new FakeMessagesApi();
        api.inputTokens = 100_000;
        api.outputTokens = 20_000;
        work = Files.createDirectories(tmp.resolve("work"));
        agents = new TestAgents(tmp.resolve("agents"));
        Path pids = Files.createDirectories(tmp.resolve("pids"));
        // First run: records its pid and its child's, then waits on the child; later runs answer at once.
        agents.agent(
                "slow",
                "implementer",
                "120s",
                "if [ \"$(wc -l < '" + agents.callsFile("slow") + "')\" -eq 1 ]; then echo $$ > '" + pids
                        + "/slow'; sleep 300 & echo $! > '" + pids + "/slow-child'; wait; fi\n"
                        + answer("{\"confidence\": 0.9}"));
        agents.agent("val", "validator", answer("{\"confidence\": 1.0}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        llmAgent("llm", "");
        llmAgent("capped", "max_cost_usd: 0.10\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ANTHROPIC_API_KEY", "sk-ant-api03-test");
        loop = new LoopHarness(tmp.resolve("home"), agents.dir(), env);
    }

    @AfterEach
    void stop() {
        loop.close();
        api.close();
    }

    private void llmAgent(String name, String extraKeys) throws Exception {
        Files.writeString(
                agents.dir().resolve(name + ".md"),
                "---\nname: " + name + "\ndescription: an LLM implementer\nrole: implementer\nruntime: anthropic\n"
                        + "model: sonnet\nbase_url: " + api.baseUrl() + "\ntimeout: 60s\n" + extraKeys
                        + "---\nWrite it.\n");
    }

    private LoopSettings settings(List<String> loop3, Budget budget) {
        return LoopHarness.settings("write x", 1, loop3, List.of("val"), "po", List.of(), work)
                .withBudget(budget);
    }

    /** Drives a new run on another thread; the run id is known at once. */
    private Running drive(LoopSettings settings) {
        LoopExecutor.OpenedRun opened = loop.executor.open(settings);
        return new Running(opened.runId(), CompletableFuture.supplyAsync(() -> loop.executor.drive(opened)));
    }

    private record Running(String runId, CompletableFuture<RunReport> report) {
        RunReport await() throws Exception {
            return report.get(90, TimeUnit.SECONDS);
        }
    }

    /** The slow agent's first run and its child, once both are running. */
    private List<ProcessHandle> slowProcesses() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(tmp.resolve("pids/slow-child"))
                        && !Files.readString(tmp.resolve("pids/slow-child")).isBlank());
        return List.of(process("slow"), process("slow-child"));
    }

    private ProcessHandle process(String name) {
        try {
            long pid = Long.parseLong(
                    Files.readString(tmp.resolve("pids").resolve(name)).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " " + pid + " is not running"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertGone(List<ProcessHandle> processes) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(processes)
                        .as("the stopped agent's process tree")
                        .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void a_cost_budget_stops_the_run_mid_iteration_and_a_higher_one_resumes_it_to_the_end() throws Exception {
        api.hold = new CountDownLatch(1);
        Running run = drive(settings(List.of("llm", "slow"), Budget.of(0.40, null, null)));
        List<ProcessHandle> slow = slowProcesses();
        api.hold.countDown(); // the model answers while the slow implementer still runs

        RunReport report = run.await();

        assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(report.exitReason()).isEqualTo("budget: cost $0.60 exceeded $0.40");
        assertGone(slow);
        assertThat(agents.calls("val")).as("no agent starts after the stop").isZero();
        assertThat(loop.count("SELECT COUNT(*) FROM agent_results WHERE run_id = ?", run.runId()))
                .as("the agents the stop ended left no result")
                .isZero();
        assertThat(loop.count("SELECT COUNT(*) FROM agent_stops WHERE run_id = ?", run.runId()))
                .isEqualTo(2);
        assertThat(report.spent().costUsd())
                .as("what the ended LLM agent spent counts")
                .isCloseTo(CALL_USD, within(1e-9));
        assertThat(report.spentIn(1).totalTokens()).isEqualTo(120_000);
        RunRecord stored = loop.store.run(run.runId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(stored.ownerPid()).isNull();

        assertThatThrownBy(() -> loop.executor.resume(run.runId()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("run '" + run.runId() + "' has spent its budget (budget: cost $0.60 exceeded $0.40):"
                        + " resume it with a higher --max-cost-usd");
        assertThat(loop.store.run(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.STOPPED);

        api.hold = null;
        RunReport resumed = loop.executor.resume(run.runId(), Budget.of(2.0, null, null));

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(agents.calls("slow")).isEqualTo(2);
        assertThat(api.calls()).isEqualTo(2);
        assertThat(resumed.spent().costUsd()).isCloseTo(2 * CALL_USD, within(1e-9));
        assertThat(loop.store.run(run.runId()).orElseThrow().settings().budget().maxCostUsd())
                .isEqualTo(2.0);
    }

    @Test
    void a_token_budget_stops_the_run_when_a_report_spends_it() throws Exception {
        api.hold = new CountDownLatch(1);
        Running run = drive(settings(List.of("llm", "slow"), Budget.of(null, 100_000L, null)));
        List<ProcessHandle> slow = slowProcesses();
        api.hold.countDown();

        RunReport report = run.await();

        assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(report.exitReason()).isEqualTo("budget: tokens 120,000 exceeded 100,000");
        assertGone(slow);
    }

    @Test
    void a_duration_budget_stops_a_run_whose_agent_outlasts_it() throws Exception {
        Running run = drive(settings(List.of("slow"), Budget.of(null, null, "1s")));
        List<ProcessHandle> slow = slowProcesses();

        RunReport report = run.await();

        assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(report.exitReason()).matches("budget: duration \\d+(\\.\\d)?s exceeded 1s");
        assertGone(slow);
        assertThat(loop.store.activeMs(run.runId())).isGreaterThan(1000);
    }

    @Test
    void an_agent_past_its_own_max_cost_fails_alone_and_the_run_goes_on() throws Exception {
        RunReport report = loop.executor.start(settings(List.of("capped"), Budget.NONE));

        assertThat(report.status())
                .as("the gate failed on the capped agent; no budget stopped the run")
                .isEqualTo(RunStatus.FAILED);
        AgentResult capped = loop.store.results(report.runId(), 1).get("capped-1-1");
        assertThat(capped.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(capped.confidenceReason()).isEqualTo("budget: agent cost $0.60 exceeded its max_cost_usd $0.10");
        assertThat(capped.usage().costUsd()).isCloseTo(CALL_USD, within(1e-9));
    }

    @Test
    void a_cancel_requested_through_the_store_stops_the_run_and_ends_its_agents() throws Exception {
        Running run = drive(settings(List.of("slow"), Budget.NONE));
        List<ProcessHandle> slow = slowProcesses();

        RunCancel.Outcome outcome = RunCancel.request(loop.store, run.runId(), "tester", Clock.systemUTC());
        RunReport report = run.await();

        assertThat(outcome).isEqualTo(RunCancel.Outcome.REQUESTED);
        assertThat(report.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(report.exitReason()).isEqualTo("cancelled by tester");
        assertGone(slow);
        assertThatThrownBy(() -> RunCancel.request(loop.store, run.runId(), "tester", Clock.systemUTC()))
                .isInstanceOf(ConflictException.class)
                .hasMessage(
                        "run '" + run.runId() + "' is not running (stopped: cancelled by tester): nothing to cancel");

        RunReport resumed = loop.executor.resume(run.runId());

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
    }
}
