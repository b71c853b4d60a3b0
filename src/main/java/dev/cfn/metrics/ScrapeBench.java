package dev.cfn.metrics;

import dev.cfn.bench.Samples;

/**
 * Measures a {@code /metrics} scrape (rendering the registry in the Prometheus text format) with a
 * realistic registry: cfn's JVM and process metrics, plus agent spawn and execution histograms and
 * database query histograms (each bucket a series) for as many agent types as it takes to reach
 * the target number of series, counted in the rendered text.
 */
public final class ScrapeBench {
    /** The target: a scrape of 1,000 series within 10 ms. */
    public static final long TARGET_NANOS = 10_000_000;

    private static final String[] MODES = {"mvp", "standard", "enterprise"};
    private static final String[] STATUSES = {"success", "failure", "timeout"};
    private static final String[] SQL = {
        "SELECT id FROM skills WHERE name = ?",
        "INSERT INTO skill_usage_log (skill_id) VALUES (?)",
        "UPDATE skills SET status = ? WHERE id = ?",
        "DELETE FROM agent_skill_mappings WHERE id = ?",
        "SELECT * FROM loop_runs WHERE id = ?",
        "INSERT INTO agent_results (run_id) VALUES (?)",
    };

    private ScrapeBench() {}

    /**
     * @param series the number of rendered series at least to reach
     * @param p50Nanos the median scrape time
     * @param p99Nanos the 99th percentile
     * @param bytes the size of one scrape
     */
    public record Result(int series, int scrapes, long p50Nanos, long p99Nanos, long maxNanos, int bytes) {
        public boolean pass() {
            return p99Nanos <= TARGET_NANOS;
        }
    }

    /** Fills a fresh registry to {@code targetSeries}, scrapes {@code warmup} times, then measures {@code scrapes}. */
    public static Result run(int targetSeries, int warmup, int scrapes) {
        try (CfnMetrics metrics = CfnMetrics.create()) {
            Probe probe = metrics.probe();
            for (String sql : SQL) {
                probe.query(sql, 120_000);
            }
            int series = seriesIn(metrics.scrape());
            for (int i = 0; series < targetSeries; i++) {
                String type = "bench-agent-" + i;
                probe.agentSpawned(type, MODES[i % MODES.length], 3_000_000L + i);
                probe.agentExecuted(type, STATUSES[i % STATUSES.length], 2_000_000_000L + i);
                series = seriesIn(metrics.scrape());
            }
            for (int i = 0; i < warmup; i++) {
                metrics.scrape();
            }
            Samples times = new Samples(scrapes);
            int bytes = 0;
            for (int i = 0; i < scrapes; i++) {
                long start = System.nanoTime();
                String text = metrics.scrape();
                times.add(System.nanoTime() - start);
                bytes = text.length();
            }
            return new Result(series, scrapes, times.p50(), times.p99(), times.max(), bytes);
        }
    }

    /** The series in a Prometheus text exposition: every line that is not blank or a comment. */
    static int seriesIn(String text) {
        int count = 0;
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                count++;
            }
        }
        return count;
    }
}
