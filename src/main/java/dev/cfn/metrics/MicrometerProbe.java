package dev.cfn.metrics;

import static dev.cfn.metrics.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link Probe} that records into a Micrometer registry. Thread-safe. */
final class MicrometerProbe implements Probe {
    private static final int MAX_CACHED_STATEMENTS = 10_000;
    private static final Set<String> CACHE_KINDS = Set.of("local", "redis");

    private final MeterRegistry registry;
    private final Labels labels = new Labels();
    private final Map<String, Timer> statements = new ConcurrentHashMap<>();
    private final AtomicInteger activeRuns = new AtomicInteger();
    private final AtomicLong lastProgressMs = new AtomicLong();
    private final WeakSources<CacheCounts> skillCaches = new WeakSources<>();
    private final Map<String, WeakSources<CacheCounts>> queryCaches = new ConcurrentHashMap<>();
    private final WeakSources<PoolCounts> pools = new WeakSources<>();
    private final Histogram gateScores;
    private final Histogram consensusScores;

    MicrometerProbe(MeterRegistry registry, PrometheusRegistry prometheus) {
        this.registry = registry;
        this.gateScores = scores(prometheus, LOOP_GATE_SCORE, "Gate scores (mean reported confidence of Loop 3)");
        this.consensusScores = scores(prometheus, LOOP_CONSENSUS_SCORE, "Consensus scores of Loop 2");
        Gauge.builder(LOOP_RUNS_ACTIVE, activeRuns, AtomicInteger::get)
                .description("Loop runs this process is driving now")
                .register(registry);
        Gauge.builder(LOOP_LAST_PROGRESS, lastProgressMs, ms -> ms.get() / 1000.0)
                .description("Unix time of the last loop progress (phase or iteration finished, run started)")
                .register(registry);
        FunctionCounter.builder(SKILL_CACHE_HITS, skillCaches, s -> s.sum(CacheCounts::hits))
                .description("Skill loader result-cache hits")
                .register(registry);
        FunctionCounter.builder(SKILL_CACHE_MISSES, skillCaches, s -> s.sum(CacheCounts::misses))
                .description("Skill loader result-cache misses")
                .register(registry);
        Gauge.builder(SKILL_CACHE_SIZE, skillCaches, s -> s.sum(CacheCounts::size))
                .description("Entries in the skill loader's result cache")
                .register(registry);
        Gauge.builder(WARM_POOL_SIZE, pools, p -> p.sum(PoolCounts::size))
                .description("Live warm agent processes")
                .register(registry);
        Gauge.builder(WARM_POOL_BUSY, pools, p -> p.sum(PoolCounts::busy))
                .description("Warm agent processes running a task")
                .register(registry);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void agentSpawned(String agentType, String mode, long nanos) {
        String type = labels.agentType(agentType);
        String m = Labels.mode(mode);
        Counter.builder(AGENT_SPAWNS)
                .description("Agents started (a process, or a warm worker taken)")
                .tags(AGENT_TYPE, type, MODE, m)
                .register(registry)
                .increment();
        timer(AGENT_SPAWN_DURATION, "Time to spawn an agent (start its process or take a warm one)", SPAWN_BUCKETS)
                .tags(AGENT_TYPE, type, MODE, m)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void agentSpawnFailed(String agentType, String errorType) {
        Counter.builder(AGENT_SPAWN_FAILURES)
                .description("Agents that could not be started")
                .tags(AGENT_TYPE, labels.agentType(agentType), ERROR_TYPE, Labels.word(errorType))
                .register(registry)
                .increment();
    }

    @Override
    public void agentExecuted(String agentType, String status, long nanos) {
        timer(AGENT_EXECUTION_DURATION, "Agent runs by how they ended", EXECUTION_BUCKETS)
                .tags(AGENT_TYPE, labels.agentType(agentType), STATUS, Labels.oneOf(Labels.STATUSES, status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void llmUsage(
            String agentType,
            long inputTokens,
            long outputTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            double costUsd) {
        String type = labels.agentType(agentType);
        long[] counts = {inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens};
        for (int i = 0; i < counts.length; i++) {
            Counter.builder(LLM_TOKENS)
                    .description("Tokens LLM agents used, by kind (input and output; prompt-cache reads and writes)")
                    .tags(AGENT_TYPE, type, KIND, TOKEN_KINDS.get(i))
                    .register(registry)
                    .increment(Math.max(0, counts[i]));
        }
        Counter.builder(LLM_COST)
                .description("What LLM agents cost, in US dollars (as reported, or priced from the model's rates)")
                .tag(AGENT_TYPE, type)
                .register(registry)
                .increment(costUsd >= 0 && Double.isFinite(costUsd) ? costUsd : 0);
    }

    @Override
    public void query(String sql, long nanos) {
        Timer timer = statements.get(sql);
        if (timer == null) {
            QueryKind kind = QueryKind.of(sql);
            timer = timer(DB_QUERY_DURATION, "Database query execution time", QUERY_BUCKETS)
                    .tags(QUERY_TYPE, kind.queryType(), TABLE, kind.table())
                    .register(registry);
            if (statements.size() < MAX_CACHED_STATEMENTS) {
                statements.put(sql, timer);
            }
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void loopStarted(String mode) {
        activeRuns.incrementAndGet();
        loopProgress();
    }

    @Override
    public void loopProgress() {
        lastProgressMs.set(System.currentTimeMillis());
    }

    @Override
    public void loopIteration(String mode, double gate, double consensus, String decision) {
        String m = Labels.mode(mode);
        Counter.builder(LOOP_ITERATIONS)
                .description("Loop iterations finished")
                .tag(MODE, m)
                .register(registry)
                .increment();
        Counter.builder(LOOP_DECISIONS)
                .description("Iteration decisions")
                .tags(MODE, m, DECISION, Labels.oneOf(Labels.DECISIONS, decision))
                .register(registry)
                .increment();
        score(gateScores, m, gate);
        score(consensusScores, m, consensus);
        loopProgress();
    }

    private static void score(Histogram histogram, String mode, double value) {
        if (!Double.isNaN(value)) {
            histogram.labelValues(mode).observe(value);
        }
    }

    /**
     * A 0..1 score histogram, registered with the Prometheus client directly: Micrometer's summaries
     * round values up to whole numbers before bucketing, which would put every score in the 1.0 bucket.
     */
    private static Histogram scores(PrometheusRegistry registry, String name, String help) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .labelNames(MODE)
                .classicOnly()
                .classicUpperBounds(SCORE_BUCKETS)
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public void loopEnded(String mode) {
        activeRuns.decrementAndGet();
    }

    @Override
    public void coordinationSignal(String signalType, String direction, int count) {
        Counter.builder(COORDINATION_SIGNALS)
                .description("Coordination signals sent and received")
                .tags(SIGNAL_TYPE, Labels.word(signalType), DIRECTION, Labels.word(direction))
                .register(registry)
                .increment(count);
    }

    @Override
    public void coordinationWait(String signalType, String outcome, long nanos) {
        timer(COORDINATION_WAIT_DURATION, "Waits for coordination signals", WAIT_BUCKETS)
                .tags(SIGNAL_TYPE, Labels.word(signalType), OUTCOME, Labels.word(outcome))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void skillCache(CacheCounts counts) {
        skillCaches.add(counts);
    }

    @Override
    public void queryCache(String kind, CacheCounts counts) {
        String k = Labels.oneOf(CACHE_KINDS, kind);
        queryCaches.computeIfAbsent(k, this::registerQueryCache).add(counts);
    }

    private WeakSources<CacheCounts> registerQueryCache(String kind) {
        WeakSources<CacheCounts> sources = new WeakSources<>();
        FunctionCounter.builder(QUERY_CACHE_HITS, sources, s -> s.sum(CacheCounts::hits))
                .description("Query-result cache hits")
                .tag(CACHE, kind)
                .register(registry);
        FunctionCounter.builder(QUERY_CACHE_MISSES, sources, s -> s.sum(CacheCounts::misses))
                .description("Query-result cache misses")
                .tag(CACHE, kind)
                .register(registry);
        return sources;
    }

    @Override
    public void warmPool(PoolCounts counts) {
        pools.add(counts);
    }

    private static Timer.Builder timer(String name, String description, List<Duration> buckets) {
        return Timer.builder(name).description(description).serviceLevelObjectives(buckets.toArray(Duration[]::new));
    }
}
