package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.llm.FakeMessagesApi;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.cache.LocalQueryCache;
import dev.cfn.coord.Completion;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.metrics.CfnMetrics;
import dev.cfn.metrics.DashboardQueries;
import dev.cfn.metrics.Scrape;
import dev.cfn.protocol.Phase;
import dev.cfn.redis.KeyScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of real components, with the Micrometer probe installed: a CFN loop run by real agent
 * processes on a real SQLite file (skills loaded through the loader's cache), an agent whose command
 * does not exist, a query cache, coordination waits, and Redis memory polled from the Redis on
 * 127.0.0.1:6379. Then the scrape: the expected series and label values, no task or agent id
 * anywhere, and every metric the Grafana dashboard queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeIT {
    private static final String TASK = "write-metrics-probe-task";

    @TempDir
    static Path tmp;

    private CfnMetrics metrics;
    private LoopHarness loop;
    private RunReport report;
    private Scrape scrape;

    @BeforeAll
    void exercise() throws Exception {
        metrics = CfnMetrics.create().install();
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        Path workdir = Files.createDirectories(tmp.resolve("work"));
        agents.agent("impl", "implementer", "echo 'x = 1' > x.py\n" + answer("{\"confidence\": 0.9}"));
        agents.agent("val", "validator", answer("{\"confidence\": 1.0}"));
        agents.agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"fine\"}"));
        Files.writeString(
                agents.dir().resolve("ghost.md"),
                "---\nname: ghost\ndescription: a command that does not exist\nrole: implementer\n"
                        + "command: ./no-such-program\ntimeout: 5s\n---\nNothing.\n");
        // Open until the end: its skill loader is counted while it lives (the probe holds it weakly).
        loop = new LoopHarness(tmp.resolve("home"), agents.dir());
        report = loop.executor.start(
                LoopHarness.settings(TASK, 2, List.of("impl"), List.of("val"), "po", List.of("x.py"), workdir));
        spawnGhost(agents.dir(), workdir, loop.logDir);
        spendOnAnLlm(workdir, loop.logDir);
        LocalQueryCache queryCache = new LocalQueryCache(100);
        queryCache.put("k", "v", Duration.ofMinutes(1));
        queryCache.get("k");
        queryCache.get("absent");
        try (LocalCoordinator coord = new LocalCoordinator(Clock.systemUTC())) {
            coord.signal("metrics-task-1", "agent-1", Completion.of("{\"confidence\": 0.9}"));
            coord.awaitSignals("metrics-task-1", List.of("agent-1"), 1, Duration.ofSeconds(5));
            coord.awaitSignals("metrics-task-1", List.of("agent-2"), 1, Duration.ofMillis(20));
        }
        RedisCoordinator redis = RedisCoordinator.create("redis://127.0.0.1:6379", KeyScheme.namespaced("metrics-it"));
        metrics.watchRedisMemory(redis::memory, Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Scrape.of(metrics.scrape()).value("cfn_redis_memory_used_bytes", Map.of()) > 0);
        redis.close();
        scrape = Scrape.of(metrics.scrape());
        Assertions.assertThat(queryCache).isNotNull(); // alive until the scrape: the probe holds it weakly
    }

    private static void spawnGhost(Path agentsDir, Path workdir, Path logDir) {
        try (AgentSpawner spawner = AgentSpawner.create(SpawnerSettings.defaults())) {
            AgentInvocation ghost = new AgentInvocation(
                    AgentCatalog.load(agentsDir).require("ghost"),
                    TASK,
                    "ghost-1-1",
                    1,
                    Phase.LOOP3,
                    "mvp",
                    workdir,
                    Map.of(),
                    Map.of(),
                    Duration.ofSeconds(5),
                    logDir);
            Assertions.assertThatThrownBy(() -> spawner.run(ghost)).isInstanceOf(RetriableException.class);
        }
    }

    /** One anthropic agent run against a scripted Messages API: 321 input and 45 output tokens of sonnet. */
    private static void spendOnAnLlm(Path workdir, Path logDir) throws Exception {
        try (FakeMessagesApi api = new FakeMessagesApi();
                AgentSpawner spawner = AgentSpawner.create(SpawnerSettings.defaults()
                        .withEnv(Map.of(
                                "ANTHROPIC_API_KEY", "sk-ant-api03-test", "ANTHROPIC_BASE_URL", api.baseUrl())))) {
            AgentDefinition llm = new AgentDefinition(
                    "llm",
                    "an LLM agent",
                    List.of(),
                    "sonnet",
                    RuntimeKind.ANTHROPIC,
                    List.of(),
                    AgentRole.IMPLEMENTER,
                    Complexity.LOW,
                    null,
                    false,
                    null,
                    null,
                    "Write it.",
                    workdir.resolve("llm.md"),
                    Map.of());
            AgentResult r = spawner.run(new AgentInvocation(
                    llm,
                    TASK,
                    "llm-1-1",
                    1,
                    Phase.LOOP3,
                    "mvp",
                    workdir,
                    Map.of(),
                    Map.of(),
                    Duration.ofSeconds(30),
                    logDir));
            Assertions.assertThat(r.usage().costUsd()).isPositive();
        }
    }

    @AfterAll
    void close() {
        loop.close();
        metrics.close();
    }

    @Test
    void the_loop_proceeded_in_one_iteration() {
        assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(report.perIteration()).hasSize(1);
    }

    @Test
    void agents_are_counted_by_type_and_mode_with_spawn_and_execution_histograms() {
        assertThat(scrape.value("cfn_agent_spawns_total", Map.of("agent_type", "impl", "mode", "mvp")))
                .isEqualTo(1.0);
        assertThat(scrape.value("agent_spawn_duration_seconds_count", Map.of("agent_type", "po", "mode", "mvp")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "agent_spawn_duration_seconds_bucket",
                        Map.of("agent_type", "impl", "mode", "mvp", "le", "+Inf")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_agent_execution_duration_seconds_count", Map.of("agent_type", "val", "status", "success")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_agent_spawn_failures_total", Map.of("agent_type", "ghost", "error_type", "unavailable")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_agent_execution_duration_seconds_count",
                        Map.of("agent_type", "ghost", "status", "failure")))
                .isEqualTo(1.0);
    }

    @Test
    void the_loop_reports_iterations_decisions_scores_and_progress() {
        assertThat(scrape.value("cfn_loop_iterations_total", Map.of("mode", "mvp")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_loop_decisions_total", Map.of("mode", "mvp", "decision", "proceed")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_loop_gate_score_sum", Map.of("mode", "mvp")))
                .isEqualTo(0.9);
        assertThat(scrape.value("cfn_loop_gate_score_bucket", Map.of("mode", "mvp", "le", "0.85")))
                .isZero();
        assertThat(scrape.value("cfn_loop_gate_score_bucket", Map.of("mode", "mvp", "le", "0.9")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_loop_consensus_score_sum", Map.of("mode", "mvp")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_loop_runs_active", Map.of())).isZero();
        double now = System.currentTimeMillis() / 1000.0;
        assertThat(scrape.value("cfn_loop_last_progress_timestamp_seconds", Map.of()))
                .isBetween(now - 600, now);
    }

    @Test
    void llm_tokens_by_kind_and_cost_are_counted_by_agent_type() {
        assertThat(scrape.value("cfn_llm_tokens_total", Map.of("agent_type", "llm", "kind", "input")))
                .isEqualTo(321.0);
        assertThat(scrape.value("cfn_llm_tokens_total", Map.of("agent_type", "llm", "kind", "output")))
                .isEqualTo(45.0);
        assertThat(scrape.value("cfn_llm_tokens_total", Map.of("agent_type", "llm", "kind", "cache_read")))
                .isZero();
        assertThat(scrape.value("cfn_llm_cost_usd_total", Map.of("agent_type", "llm")))
                .isCloseTo((321 * 3 + 45 * 15) / 1e6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(scrape.labelValues("cfn_llm_cost_usd_total", "agent_type"))
                .as("command agents spend no tokens")
                .containsOnly("llm");
        assertThat(scrape.labelValues("cfn_llm_tokens_total", "kind"))
                .containsOnly("input", "output", "cache_read", "cache_write");
    }

    @Test
    void statements_are_timed_by_query_type_and_schema_table() {
        assertThat(scrape.value(
                        "database_query_duration_seconds_count", Map.of("query_type", "insert", "table", "loop_runs")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value(
                        "database_query_duration_seconds_count",
                        Map.of("query_type", "insert", "table", "agent_results")))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(scrape.labelValues("database_query_duration_seconds_count", "query_type"))
                .isSubsetOf("select", "insert", "update", "delete", "other");
        assertThat(scrape.labelValues("database_query_duration_seconds_count", "table"))
                .contains("loop_runs", "loop_iterations", "skill_usage_log");
    }

    @Test
    void caches_coordination_and_redis_memory_are_exported() {
        assertThat(scrape.value("cfn_skill_cache_misses_total", Map.of())).isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value("cfn_skill_cache_hits_total", Map.of())).isGreaterThanOrEqualTo(0.0);
        assertThat(scrape.value("cfn_query_cache_hits_total", Map.of("cache", "local")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_query_cache_misses_total", Map.of("cache", "local")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_coordination_signals_total", Map.of("signal_type", "completion", "direction", "sent")))
                .as("the loop's three agents and one signal here")
                .isEqualTo(4.0);
        assertThat(scrape.value(
                        "cfn_coordination_signals_total", Map.of("signal_type", "completion", "direction", "received")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_coordination_wait_duration_seconds_count",
                        Map.of("signal_type", "completion", "outcome", "timeout")))
                .isEqualTo(1.0);
        assertThat(scrape.value(
                        "cfn_coordination_signals_total", Map.of("signal_type", "decision", "direction", "sent")))
                .isEqualTo(1.0);
        assertThat(scrape.value("cfn_redis_memory_used_bytes", Map.of())).isPositive();
        assertThat(scrape.value("cfn_redis_memory_poll_failures_total", Map.of()))
                .isZero();
        assertThat(scrape.names()).contains("cfn_warm_pool_size", "cfn_warm_pool_busy");
    }

    @Test
    void no_label_carries_a_task_run_or_agent_id() {
        String text = scrape.text();
        assertThat(text).doesNotContain(TASK, report.runId(), "impl-1-1", "ghost-1-1", "metrics-task-1");
        assertThat(scrape.labelValues("cfn_agent_spawns_total", "agent_type")).containsOnly("impl", "val", "po");
    }

    @Test
    void every_metric_the_dashboard_queries_is_in_the_scrape() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("ops/grafana/cfn-dashboard.json").toFile());
        List<String> missing = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries++;
                Set<String> names =
                        DashboardQueries.metricNames(target.get("expr").asText());
                assertThat(names).as("metrics in %s", target.get("expr")).isNotEmpty();
                names.stream()
                        .filter(n -> !scrape.names().contains(n))
                        .forEach(n -> missing.add(panel.get("title").asText() + ": " + n));
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(28);
        assertThat(missing).as("dashboard metrics absent from the scrape").isEmpty();
    }
}
