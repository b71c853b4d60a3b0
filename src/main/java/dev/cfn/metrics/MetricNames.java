package dev.cfn.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Every metric name, label key and histogram bucket cfn exports, in one place. Names are
 * Micrometer's dotted form; the Prometheus registry renders {@code agent.spawn.duration} (a timer)
 * as {@code agent_spawn_duration_seconds}, and a counter {@code cfn.agent.spawns} as
 * {@code cfn_agent_spawns_total}. The alert rules in {@code ops/prometheus/alerts.yml} and the
 * dashboard in {@code ops/grafana/cfn-dashboard.json} use the rendered names.
 */
public final class MetricNames {
    private MetricNames() {}

    // The seed's two histograms, with its names and labels.
    public static final String AGENT_SPAWN_DURATION = "agent.spawn.duration";
    public static final String DB_QUERY_DURATION = "database.query.duration";

    // The original system's cfn_* metrics, with task and agent ids dropped from the labels.
    public static final String AGENT_SPAWNS = "cfn.agent.spawns";
    public static final String AGENT_SPAWN_FAILURES = "cfn.agent.spawn.failures";
    public static final String AGENT_EXECUTION_DURATION = "cfn.agent.execution.duration";
    public static final String LOOP_ITERATIONS = "cfn.loop.iterations";
    public static final String LOOP_DECISIONS = "cfn.loop.decisions";
    /** Registered with the Prometheus client directly (see MicrometerProbe), hence the rendered form. */
    public static final String LOOP_GATE_SCORE = "cfn_loop_gate_score";

    public static final String LOOP_CONSENSUS_SCORE = "cfn_loop_consensus_score";
    public static final String LOOP_RUNS_ACTIVE = "cfn.loop.runs.active";
    public static final String LOOP_LAST_PROGRESS = "cfn.loop.last.progress.timestamp.seconds";
    public static final String SKILL_CACHE_HITS = "cfn.skill.cache.hits";
    public static final String SKILL_CACHE_MISSES = "cfn.skill.cache.misses";
    public static final String SKILL_CACHE_SIZE = "cfn.skill.cache.size";
    public static final String QUERY_CACHE_HITS = "cfn.query.cache.hits";
    public static final String QUERY_CACHE_MISSES = "cfn.query.cache.misses";
    public static final String COORDINATION_SIGNALS = "cfn.coordination.signals";
    public static final String COORDINATION_WAIT_DURATION = "cfn.coordination.wait.duration";
    public static final String REDIS_MEMORY_USED = "cfn.redis.memory.used.bytes";
    public static final String REDIS_MEMORY_MAX = "cfn.redis.memory.max.bytes";
    public static final String REDIS_MEMORY_POLL_FAILURES = "cfn.redis.memory.poll.failures";
    public static final String WARM_POOL_SIZE = "cfn.warm.pool.size";
    public static final String WARM_POOL_BUSY = "cfn.warm.pool.busy";
    /** LLM tokens by agent type and {@link #KIND} (input, output, cache_read, cache_write). */
    public static final String LLM_TOKENS = "cfn.llm.tokens";
    /** What LLM agents cost, in US dollars, by agent type. */
    public static final String LLM_COST = "cfn.llm.cost.usd";

    // Label keys.
    public static final String AGENT_TYPE = "agent_type";
    public static final String MODE = "mode";
    public static final String STATUS = "status";
    public static final String ERROR_TYPE = "error_type";
    public static final String QUERY_TYPE = "query_type";
    public static final String TABLE = "table";
    public static final String DECISION = "decision";
    public static final String CACHE = "cache";
    public static final String SIGNAL_TYPE = "signal_type";
    public static final String DIRECTION = "direction";
    public static final String OUTCOME = "outcome";
    public static final String KIND = "kind";

    /** The values of {@link #KIND} on {@link #LLM_TOKENS}. */
    public static final List<String> TOKEN_KINDS = List.of("input", "output", "cache_read", "cache_write");

    /** Spawns: a local process starts in milliseconds; the seed's containers took 2-5 s. */
    public static final List<Duration> SPAWN_BUCKETS =
            millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000);

    /** Agent runs: seconds to half an hour (the original's buckets, with 0.1 and 0.5 s added). */
    public static final List<Duration> EXECUTION_BUCKETS =
            millis(100, 500, 1000, 5000, 10000, 30000, 60000, 120000, 300000, 600000, 1800000);

    /** SQL statements: ~50 us (a cached SQLite read) to 1 s. */
    public static final List<Duration> QUERY_BUCKETS =
            millis(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000);

    /** Coordination waits: a local wake-up (sub-millisecond) to the 300 s default timeout. */
    public static final List<Duration> WAIT_BUCKETS =
            millis(1, 10, 100, 500, 1000, 5000, 10000, 30000, 60000, 120000, 300000);

    /** Gate and consensus scores, 0 to 1; the modes' thresholds (0.70 to 0.95) are boundaries. */
    public static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0};

    private static List<Duration> millis(double... values) {
        return java.util.Arrays.stream(values)
                .mapToObj(ms -> Duration.ofNanos(Math.round(ms * 1_000_000)))
                .toList();
    }
}
