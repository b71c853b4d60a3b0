package dev.cfn.cli.coord;

import dev.cfn.RetriableException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.coord.bench.ContextWrite;
import dev.cfn.coord.bench.CoordBenchmark;
import dev.cfn.coord.bench.FanIn;
import dev.cfn.coord.bench.Latency;
import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = {
            "Measure coordination, local and Redis side by side in one run.",
            "",
            "Signal->wake latency (p50/p99) with the Redis PING round trip measured in the same run as the"
                    + " floor (after the same idle gap as each signal, and back to back); a 50-field context written pipelined vs one command per field; 1,000 agents"
                    + " signalling one orchestrator waiting on all of them (total time, memory).",
            "",
            "Redis: --redis URL, else redis://127.0.0.1:6379 when it answers (skipped otherwise). Keys go"
                    + " under a namespace of their own (bench-*:) and are removed afterwards.",
            "",
            "Targets: local p50 <= 50 us; Redis p50 <= 3x PING p50; pipelined >= 5x per-field."
        },
        footer = {"", "Example: cfn coord bench --quick --json"})
public final class CoordBenchCommand extends CfnSubcommand {
    static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

    @Option(names = "--quick", description = "Fewer rounds (a few seconds), for smoke runs.")
    boolean quick;

    @Override
    protected void execute() {
        int rounds = quick ? 300 : 3000;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mode", quick ? "quick" : "full");
        doc.put("local", local(rounds));
        doc.put("redis", redis(rounds));
        doc.put("targets", BenchReport.targets(doc));
        out().print(doc, () -> BenchReport.printHuman(out(), doc));
    }

    private Map<String, Object> local(int rounds) {
        try (Coordinator local = new LocalCoordinator(ctx().clock())) {
            CoordBenchmark bench = new CoordBenchmark(local);
            Map<String, Object> section = new LinkedHashMap<>();
            Latency wake = bench.signalToWake("bench-latency", rounds, Duration.ofNanos(200_000));
            section.put("signal_to_wake", wake);
            FanIn fanIn = bench.fanIn("bench-fanin", 1000, CoordBenchmark::usedHeap);
            section.put("fan_in", fanIn);
            return section;
        }
    }

    private Map<String, Object> redis(int rounds) {
        Map<String, Object> section = new LinkedHashMap<>();
        String url = ctx().settings().redisUrl().orElse(DEFAULT_REDIS);
        KeyScheme keys =
                KeyScheme.namespaced("bench-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        Coordinator redis;
        try {
            redis = RedisCoordinator.create(url, keys);
        } catch (RetriableException e) {
            if (ctx().settings().redisUrl().isPresent()) {
                throw e;
            }
            section.put("skipped", e.getMessage());
            return section;
        }
        try (redis) {
            CoordBenchmark bench = new CoordBenchmark(redis);
            section.put("target", redis.describe());
            Duration settle = Duration.ofMillis(2);
            Latency hotPing = bench.ping(rounds, Duration.ZERO);
            Latency ping = bench.ping(rounds / 2, settle);
            Latency wake = bench.signalToWake("bench-latency", rounds / 2, settle);
            section.put("ping_back_to_back", hotPing);
            section.put("ping", ping);
            section.put("signal_to_wake", wake);
            section.put("p50_ratio_to_ping", wake.p50Us() / ping.p50Us());
            section.put("p50_ratio_to_ping_back_to_back", wake.p50Us() / hotPing.p50Us());
            ContextWrite context = bench.contextWrite("bench-context", 50, quick ? 30 : 300);
            redis.cleanup("bench-context");
            section.put("context_write", context);
            section.put("context_ratio", context.ratio());
            section.put(
                    "fan_in",
                    bench.fanIn("bench-fanin", 1000, () -> redis.stats().usedMemoryBytes()));
            redis.cleanup("bench-latency");
            return section;
        }
    }
}
