package dev.cfn.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Usage;
import dev.cfn.protocol.Phase;
import dev.cfn.store.PgSchema;
import dev.cfn.store.PostgresDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What budgets and cancel store, on the real PostgreSQL of 127.0.0.1:5432 (a schema of its own):
 * the spending sums over results and stopped agents, the cancel request, the active time, a resume's
 * new settings. The same statements run on SQLite in {@link RunStoreTest}.
 */
class RunSpendingPostgresIT {
    private PgSchema schema;
    private PostgresDatabase db;
    private RunStore store;

    @BeforeEach
    void open() {
        schema = PgSchema.create("cfn_spend_it");
        db = schema.open();
        store = new RunStore(db);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        schema.close();
    }

    @Test
    void spending_sums_results_and_stopped_agents_per_iteration_per_run_and_for_the_newest_runs() {
        store.create("run-1", RunStoreTest.SETTINGS, Map.of(), 1000);
        store.create("run-2", RunStoreTest.SETTINGS, Map.of(), 2000);
        store.startIteration("run-1", 1, 1000);
        store.storeResult("run-1", 1, Phase.LOOP3, spending("coder-1-1", 0.25), 1001);
        store.startIteration("run-1", 2, 1002);
        store.storeStop(
                "run-1", 2, Phase.LOOP3, spending("coder-2-1", 0.125), "budget: cost $0.375 exceeded $0.30", 1003);

        assertThat(store.costs().byIteration("run-1"))
                .containsExactly(
                        Map.entry(1, new Usage(100_000, 20_000, 5, 7, 3, 1500, 0.25)),
                        Map.entry(2, new Usage(100_000, 20_000, 5, 7, 3, 1500, 0.125)));
        assertThat(store.costs().ofRun("run-1").costUsd()).isCloseTo(0.375, within(1e-12));
        assertThat(store.costs().ofRecent(2)).containsOnlyKeys("run-1");
        assertThat(store.costs().ofRecent(1)).isEmpty();
        assertThat(store.results("run-1", 2)).isEmpty();
    }

    @Test
    void a_cancel_request_the_active_time_and_a_resumes_budget_are_stored() {
        store.create("run-1", RunStoreTest.SETTINGS, Map.of(), 1000);
        store.heartbeat("run-1", 5000, 4000);

        assertThat(store.requestCancel("run-1", "alice", 5100)).isTrue();
        assertThat(store.cancelRequested("run-1")).contains("alice");
        assertThat(store.activeMs("run-1")).isEqualTo(4000);
        assertThat(store.stop("run-1", "cancelled by alice", 5200)).isTrue();
        assertThat(store.requestCancel("run-1", "bob", 5300)).isFalse();

        store.claim("run-1", RunStoreTest.SETTINGS.withBudget(Budget.of(1.5, 1000L, "2h")), 6000);

        RunRecord run = store.run("run-1").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.settings().budget()).isEqualTo(new Budget(1.5, 1000L, 7_200_000L));
        assertThat(store.cancelRequested("run-1")).isEmpty();
    }

    private static AgentResult spending(String agentId, double usd) {
        return AgentResult.builder(agentId, "coder")
                .usage(new Usage(100_000, 20_000, 5, 7, 3, 1500, usd))
                .build();
    }
}
