package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.Usage;
import dev.cfn.loop.session.RunHistory;
import dev.cfn.loop.session.RunJson;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    @TempDir
    Path dir;

    private SqliteDatabase db;
    private RunStore store;
    static final LoopSettings SETTINGS = new LoopSettings(
            "write 'x'; DROP TABLE loop_runs;--",
            "standard",
            0.75,
            0.9,
            10,
            0.66,
            List.of("coder"),
            List.of("tester"),
            null,
            List.of("a.txt"),
            "/tmp/w",
            8);

    private final LoopSettings settings = SETTINGS;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("cfn.db"));
        store = new RunStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_run_round_trips_with_its_settings_and_baseline() {
        store.create("run-1", settings, Map.of("a.txt", "absent"), 1000);
        RunRecord run = store.run("run-1").orElseThrow();
        assertThat(run.settings()).isEqualTo(settings);
        assertThat(run.task()).isEqualTo("write 'x'; DROP TABLE loop_runs;--");
        assertThat(run.baseline()).containsEntry("a.txt", "absent");
        assertThat(run.running()).isTrue();
        assertThat(run.ownerPid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void a_result_is_counted_once_per_run_iteration_and_agent() {
        store.create("run-1", settings, Map.of(), 1000);
        store.startIteration("run-1", 1, 1000);
        AgentResult first = result("coder-1-1", 0.8);
        AgentResult redelivered = result("coder-1-1", 0.1);
        assertThat(store.storeResult("run-1", 1, Phase.LOOP3, first, 1001)).isTrue();
        assertThat(store.storeResult("run-1", 1, Phase.LOOP3, redelivered, 1002))
                .isFalse();
        Map<String, AgentResult> stored = store.results("run-1", 1);
        assertThat(stored).hasSize(1);
        assertThat(stored.get("coder-1-1")).isEqualTo(first);
    }

    @Test
    void iterations_and_the_end_of_a_run_are_stored() {
        store.create("run-1", settings, Map.of(), 1000);
        store.startIteration("run-1", 1, 1000);
        var record = new IterationRecord(
                1,
                0.8,
                true,
                0.95,
                true,
                true,
                List.of(),
                Decision.PROCEED,
                "consensus passed",
                List.of(new Feedback(Feedback.Severity.SUGGESTION, "name things")));
        store.finishIteration(
                "run-1", record, new LoopPolicy.Outcome(Decision.PROCEED, "policy", "consensus passed"), 2000);
        store.finish("run-1", RunStatus.SUCCESS, Decision.PROCEED, "consensus passed", 2001);
        assertThat(store.iterations("run-1")).containsExactly(record);
        RunRecord run = store.run("run-1").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.finalDecision()).isEqualTo(Decision.PROCEED);
        assertThat(run.iterations()).isEqualTo(1);
        assertThat(run.ownerPid()).isNull();
        assertThat(run.finishedMs()).isEqualTo(2001L);
    }

    @Test
    void events_are_kept_in_order_and_a_later_orchestrator_numbers_on() {
        store.create("run-1", settings, Map.of(), 1000);
        MutableClock clock = new MutableClock(java.time.Instant.ofEpochMilli(1000));
        EventLog first = new EventLog(store, clock);
        first.on(new LoopEvent.RunStarted("run-1", "t"));
        first.on(new LoopEvent.IterationStarted("run-1", 1));
        EventLog resumed = new EventLog(store, clock); // the next process, after a crash
        resumed.on(new LoopEvent.RunResumed("run-1", 1));
        resumed.on(new LoopEvent.RunFinished("run-1", RunStatus.STOPPED, "cancelled by alice"));

        assertThat(store.lastEventSeq("run-1")).isEqualTo(4);
        assertThat(store.events("run-1"))
                .extracting(RunStore.StoredEvent::seq, RunStore.StoredEvent::name)
                .containsExactly(
                        tuple(1L, "run-started"),
                        tuple(2L, "iteration-started"),
                        tuple(3L, "run-resumed"),
                        tuple(4L, "run-finished"));
        assertThat(store.events("run-1").get(3).data())
                .containsEntry("status", "stopped")
                .containsEntry("reason", "cancelled by alice");
        assertThat(RunHistory.of(store, store.run("run-1").orElseThrow()))
                .as("a run with stored events is told from them")
                .hasSize(4);
        assertThat(store.lastEventSeq("run-2")).isZero();
    }

    @Test
    void a_budget_is_stored_with_the_settings_and_a_run_stored_before_budgets_has_none() {
        LoopSettings limited = settings.withBudget(Budget.of(0.40, 10_000L, "5m"));
        store.create("run-1", limited, Map.of(), 1000);
        store.create("run-old", settings, Map.of(), 1000);
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET settings = ? WHERE id = 'run-old'",
                RunStore.json(settings)
                        .replace(",\"budget\":{\"maxCostUsd\":null,\"maxTokens\":null,\"maxDurationMs\":null}", "")));

        assertThat(store.run("run-1").orElseThrow().settings().budget()).isEqualTo(new Budget(0.40, 10_000L, 300_000L));
        RunRecord old = store.run("run-old").orElseThrow();
        String stored =
                db.read(sql -> sql.one("SELECT settings FROM loop_runs WHERE id = 'run-old'", r -> r.getString(1))
                        .orElseThrow());
        assertThat(stored).doesNotContain("budget");
        assertThat(old.settings().budget()).isEqualTo(Budget.NONE);
        assertThat(old.settings()).isEqualTo(settings);
    }

    @Test
    void costs_sum_stored_results_and_stopped_agents_per_iteration_and_per_run() {
        store.create("run-1", settings, Map.of(), 1000);
        store.create("run-2", settings, Map.of(), 2000);
        store.startIteration("run-1", 1, 1000);
        store.storeResult("run-1", 1, Phase.LOOP3, result("coder-1-1", 0.8), 1001); // 10 in, 20 out, $0.0123
        store.storeResult("run-1", 1, Phase.LOOP2, result("tester-1-1", 0.9), 1002);
        store.startIteration("run-1", 2, 1003);
        store.storeStop("run-1", 2, Phase.LOOP3, result("coder-2-1", 0.0), "budget: cost $0.03 exceeded $0.02", 1004);

        Map<Integer, Usage> byIteration = store.costs().byIteration("run-1");

        assertThat(byIteration).containsOnlyKeys(1, 2);
        assertThat(byIteration.get(1)).isEqualTo(new Usage(20, 40, 10, 6, 4, 3000, 0.0246));
        assertThat(byIteration.get(2).costUsd()).isEqualTo(0.0123);
        assertThat(store.costs().ofRun("run-1").costUsd())
                .isCloseTo(0.0369, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(store.costs().ofRun("run-1").totalTokens()).isEqualTo(90);
        assertThat(store.costs().ofRun("run-2")).isEqualTo(Usage.ZERO);
        assertThat(store.costs().ofRecent(10)).containsOnlyKeys("run-1");
        assertThat(store.costs().ofRecent(1)).as("run-2 is the newest").isEmpty();
        assertThat(store.results("run-1", 2))
                .as("a stopped agent leaves no result")
                .isEmpty();
        RunReport report = store.report("run-1", 5000);
        assertThat(report.spentIn(2).costUsd()).isEqualTo(0.0123);
        assertThat(RunJson.report(report)).containsEntry("cost_usd", 0.0369).containsEntry("tokens", 90L);
    }

    @Test
    void a_cancel_is_asked_of_a_running_run_only_and_a_resume_clears_it() {
        store.create("run-1", settings, Map.of(), 1000);
        assertThat(store.cancelRequested("run-1")).isEmpty();

        assertThat(store.requestCancel("run-1", "alice", 1100)).isTrue();
        assertThat(store.cancelRequested("run-1")).contains("alice");
        assertThat(store.stop("run-1", "cancelled by alice", 1200)).isTrue();
        assertThat(store.requestCancel("run-1", "bob", 1300))
                .as("stopped: nothing to cancel")
                .isFalse();
        assertThat(store.requestCancel("run-nope", "bob", 1300)).isFalse();

        store.claim("run-1", settings.withBudget(Budget.of(1.0, null, null)), 1400);

        RunRecord resumed = store.run("run-1").orElseThrow();
        assertThat(resumed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(resumed.exitReason()).isNull();
        assertThat(resumed.settings().budget().maxCostUsd()).isEqualTo(1.0);
        assertThat(store.cancelRequested("run-1")).isEmpty();
    }

    private static AgentResult result(String id, double confidence) {
        return AgentResult.builder(id, "coder")
                .confidence(confidence, null)
                .summary("did it")
                .files(List.of("a.txt"))
                .feedback(List.of(new Feedback(Feedback.Severity.WARNING, "slow")))
                .exitCode(0)
                .duration(Duration.ofMillis(42))
                .usage(new Usage(10, 20, 5, 3, 2, 1500, 0.0123))
                .build();
    }
}
