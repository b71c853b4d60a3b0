package dev.cfn.cli.bench;

import dev.cfn.InvalidInputException;
import dev.cfn.bench.JitMode;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.metrics.ScrapeBench;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench-metrics",
        description = {
            "Measure a /metrics scrape against the target (p99 <= 10 ms at 1,000 series).",
            "",
            "Renders a registry holding at least --series series (JVM and process metrics, agent and"
                    + " database histograms, each bucket counted) in the Prometheus text format, many times, and"
                    + " prints p50/p99.",
            "",
            "In process: no server is started and no home is opened. Like cfn bench, it runs in a JVM"
                    + " with the full JIT (a long-running server's), not bin/cfn's quick-start C1-only one."
        },
        footer = {"", "Example: cfn serve bench-metrics --series 1000 --scrapes 2000"})
public final class MetricsBenchCommand extends CfnSubcommand {
    @Option(names = "--series", paramLabel = "N", description = "Series to reach. Default: ${DEFAULT-VALUE}.")
    int series = 1000;

    @Option(names = "--scrapes", paramLabel = "N", description = "Scrapes measured. Default: ${DEFAULT-VALUE}.")
    int scrapes = 2000;

    @Option(names = "--quick", description = "200 scrapes after a short warm-up, for smoke runs.")
    boolean quick;

    @Override
    protected void execute() {
        if (series < 1 || series > 1_000_000) {
            throw new InvalidInputException("--series must be from 1 to 1000000, but was " + series);
        }
        if (scrapes < 1 || scrapes > 1_000_000) {
            throw new InvalidInputException("--scrapes must be from 1 to 1000000, but was " + scrapes);
        }
        if (BenchJvm.shouldFork()) {
            BenchJvm.runChild(spec.root().commandLine().getParseResult().originalArgs());
            return;
        }
        int measured = quick ? 200 : scrapes;
        ScrapeBench.Result r = ScrapeBench.run(series, quick ? 200 : 1000, measured);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("jvm", JitMode.describe());
        doc.put("series", r.series());
        doc.put("scrapes", r.scrapes());
        doc.put("bytes", r.bytes());
        doc.put("p50_us", r.p50Nanos() / 1000.0);
        doc.put("p99_us", r.p99Nanos() / 1000.0);
        doc.put("max_us", r.maxNanos() / 1000.0);
        doc.put("target_p99_us", ScrapeBench.TARGET_NANOS / 1000.0);
        doc.put("result", r.pass() ? "PASS" : "FAIL");
        out().print(
                        doc,
                        () -> out().line(String.format(
                                "/metrics scrape (%s): %d series (%d bytes), %d scrapes: p50 %.2f ms, p99 %.2f ms,"
                                        + " max %.2f ms; target p99 <= %.0f ms: %s",
                                JitMode.describe(),
                                r.series(),
                                r.bytes(),
                                r.scrapes(),
                                r.p50Nanos() / 1e6,
                                r.p99Nanos() / 1e6,
                                r.maxNanos() / 1e6,
                                ScrapeBench.TARGET_NANOS / 1e6,
                                r.pass() ? "PASS" : "FAIL")));
    }
}
