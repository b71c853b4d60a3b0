package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Usage;
import dev.cfn.protocol.Phase;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch of a driven run on a real SQLite file: what stops a run, what only fails an agent, what waits. */
class RunWatchTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.standard();
    private SqliteDatabase db;
    private RunStore store;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("cfn.db"));
        store = new RunStore(db);
        store.create("run-1", RunStoreTest.SETTINGS, Map.of(), clock.millis());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RunWatch watch(Budget budget) {
        return RunWatch.start(store, store.costs(), "run-1", budget, clock);
    }

    private static AgentProgress costing(String agentId, double usd) {
        return new AgentProgress(agentId, AgentProgress.Kind.TURN, "turn", new Usage(1000, 100, 0, 0, 1, 10, usd));
    }

    @Test
    void a_report_past_the_budget_stops_the_run_ends_the_other_agents_and_stops_the_reporter() throws Exception {
        RunWatch watch = watch(Budget.of(0.40, null, null));
        CountDownLatch registered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread other = Thread.ofVirtual().start(() -> {
            watch.starting("slow-1-1");
            registered.countDown();
            try {
                new CountDownLatch(1).await(); // an agent's process, waited for
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        registered.await();
        List<AgentProgress> told = new CopyOnWriteArrayList<>();
        ProgressListener follow = watch.follow("llm-1-1", null, told::add);

        follow.on(costing("llm-1-1", 0.25));
        assertThat(watch.stopping()).isFalse();
        assertThatThrownBy(() -> follow.on(costing("llm-1-1", 0.42)))
                .isInstanceOf(ProgressListener.StopAgent.class)
                .hasMessage("budget: cost $0.42 exceeded $0.40");

        assertThat(told).as("the listeners hear the report that stopped it").hasSize(2);
        assertThat(watch.stopReason()).isEqualTo("budget: cost $0.42 exceeded $0.40");
        other.join(Duration.ofSeconds(30));
        assertThat(interrupted).isTrue();
        assertThatThrownBy(() -> watch.starting("next-1-1"))
                .isInstanceOf(RunStoppedException.class)
                .hasMessage("budget: cost $0.42 exceeded $0.40");
    }

    @Test
    void an_agent_past_its_own_max_cost_is_stopped_alone() {
        RunWatch watch = watch(Budget.of(10.0, null, null));
        ProgressListener follow = watch.follow("llm-1-1", 0.10, p -> {});

        assertThatThrownBy(() -> follow.on(costing("llm-1-1", 0.15)))
                .isInstanceOf(ProgressListener.StopAgent.class)
                .hasMessage("budget: agent cost $0.15 exceeded its max_cost_usd $0.10");
        assertThat(watch.stopping()).isFalse();
    }

    @Test
    void a_result_past_the_budget_with_no_other_agent_running_stops_the_next_start_not_the_decision() {
        RunWatch watch = watch(Budget.of(null, 1000L, null));
        watch.starting("po-1-1");
        watch.ended("po-1-1");

        watch.settled("po-1-1", Usage.tokens(900, 200));

        assertThat(watch.stopping()).as("nothing runs that a stop could end").isFalse();
        assertThatThrownBy(watch::check)
                .isInstanceOf(RunStoppedException.class)
                .hasMessage("budget: tokens 1,100 exceeded 1,000");
    }

    @Test
    void what_earlier_drives_spent_counts_stops_included() {
        store.startIteration("run-1", 1, clock.millis());
        store.storeResult("run-1", 1, Phase.LOOP3, spending("impl-1-1", 0.30), clock.millis());
        store.storeStop("run-1", 1, Phase.LOOP3, spending("slow-1-1", 0.15), "cancelled by bob", clock.millis());

        RunWatch watch = watch(Budget.of(0.40, null, null));

        assertThat(watch.spent().costUsd()).isCloseTo(0.45, within(1e-9));
        assertThatThrownBy(watch::check).hasMessage("budget: cost $0.45 exceeded $0.40");
    }

    @Test
    void a_cancel_request_in_the_store_stops_the_run_at_the_next_tick() {
        RunWatch watch = watch(Budget.NONE);
        watch.tick();
        assertThat(watch.stopping()).isFalse();

        assertThat(store.requestCancel("run-1", "bob", clock.millis())).isTrue();
        watch.tick();

        assertThat(watch.stopReason()).isEqualTo("cancelled by bob");
    }

    @Test
    void the_duration_counts_earlier_drives_and_is_checked_on_each_tick() {
        store.heartbeat("run-1", clock.millis(), 240_000);
        RunWatch watch = watch(Budget.of(null, null, "5m"));

        clock.advance(Duration.ofSeconds(59));
        watch.tick();
        assertThat(watch.stopping()).isFalse();
        clock.advance(Duration.ofMinutes(6));
        watch.tick();

        assertThat(watch.stopReason()).isEqualTo("budget: duration 10m59s exceeded 5m");
        assertThat(watch.activeMs()).isEqualTo(659_000);
    }

    @Test
    void the_first_reason_wins() {
        RunWatch watch = watch(Budget.NONE);

        watch.stop("cancelled by bob");
        watch.stop("budget: cost $1 exceeded $0.50");

        assertThat(watch.stopReason()).isEqualTo("cancelled by bob");
        assertThatThrownBy(watch::check).hasMessage("cancelled by bob");
    }

    private static AgentResult spending(String agentId, double usd) {
        return AgentResult.builder(agentId, agentId.substring(0, agentId.indexOf('-')))
                .usage(new Usage(100, 10, 0, 0, 1, 5, usd))
                .build();
    }
}
