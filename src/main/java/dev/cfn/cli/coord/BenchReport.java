package dev.cfn.cli.coord;

import dev.cfn.cli.Output;
import dev.cfn.coord.bench.ContextWrite;
import dev.cfn.coord.bench.FanIn;
import dev.cfn.coord.bench.Latency;
import java.util.LinkedHashMap;
import java.util.Map;

/** The targets of issue 3 checked against a {@code cfn coord bench} run, and its human printout. */
final class BenchReport {
    static final double LOCAL_P50_MAX_US = 50;
    static final double REDIS_P50_MAX_RATIO = 3;
    static final double CONTEXT_MIN_RATIO = 5;

    private BenchReport() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> targets(Map<String, Object> doc) {
        Map<String, Object> local = (Map<String, Object>) doc.get("local");
        Map<String, Object> redis = (Map<String, Object>) doc.get("redis");
        Map<String, Object> targets = new LinkedHashMap<>();
        double localP50 = ((Latency) local.get("signal_to_wake")).p50Us();
        targets.put("local_p50_us", target(localP50, "<=", LOCAL_P50_MAX_US, localP50 <= LOCAL_P50_MAX_US));
        if (redis.containsKey("p50_ratio_to_ping")) {
            double ratio = (double) redis.get("p50_ratio_to_ping");
            targets.put(
                    "redis_p50_ratio_to_ping", target(ratio, "<=", REDIS_P50_MAX_RATIO, ratio <= REDIS_P50_MAX_RATIO));
            double context = (double) redis.get("context_ratio");
            targets.put(
                    "context_pipelined_ratio", target(context, ">=", CONTEXT_MIN_RATIO, context >= CONTEXT_MIN_RATIO));
        }
        return targets;
    }

    private static Map<String, Object> target(double value, String op, double bound, boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("value", value);
        t.put("target", op + " " + bound);
        t.put("met", met);
        return t;
    }

    @SuppressWarnings("unchecked")
    static void printHuman(Output out, Map<String, Object> doc) {
        Map<String, Object> local = (Map<String, Object>) doc.get("local");
        Map<String, Object> redis = (Map<String, Object>) doc.get("redis");
        out.line("coordination benchmark (" + doc.get("mode") + ")");
        out.line("local  signal->wake  " + latency((Latency) local.get("signal_to_wake")));
        out.line("local  fan-in        " + fanIn((FanIn) local.get("fan_in"), "heap"));
        if (redis.containsKey("skipped")) {
            out.line("redis  skipped: " + redis.get("skipped"));
        } else {
            out.line("redis  " + redis.get("target"));
            out.line("redis  PING b2b      " + latency((Latency) redis.get("ping_back_to_back")));
            out.line("redis  PING idle     " + latency((Latency) redis.get("ping"))
                    + "  (the floor: after the same idle gap)");
            out.line("redis  signal->wake  " + latency((Latency) redis.get("signal_to_wake"))
                    + String.format(
                            "  (p50 = %.2fx idle PING, %.2fx back-to-back PING)",
                            (double) redis.get("p50_ratio_to_ping"),
                            (double) redis.get("p50_ratio_to_ping_back_to_back")));
            ContextWrite c = (ContextWrite) redis.get("context_write");
            out.line(String.format(
                    "redis  context x%d   pipelined %.0f fields/s, per-field %.0f fields/s: %.1fx (%d contexts each)",
                    c.fields(), c.pipelinedFieldsPerSec(), c.perFieldFieldsPerSec(), c.ratio(), c.repetitions()));
            out.line("redis  fan-in        " + fanIn((FanIn) redis.get("fan_in"), "Redis used_memory"));
        }
        ((Map<String, Object>) doc.get("targets")).forEach((name, value) -> {
            Map<String, Object> t = (Map<String, Object>) value;
            out.line(String.format(
                    "target %-24s %.2f %s: %s",
                    name, (double) t.get("value"), t.get("target"), (boolean) t.get("met") ? "met" : "MISSED"));
        });
    }

    private static String latency(Latency l) {
        return String.format(
                "p50 %.1f us, p99 %.1f us, max %.1f us (%d samples)", l.p50Us(), l.p99Us(), l.maxUs(), l.samples());
    }

    private static String fanIn(FanIn f, String memory) {
        return String.format(
                "%d agents -> 1 orchestrator: %d arrived in %.1f ms; %s +%.1f KiB; %d keys left, %d after cleanup",
                f.agents(),
                f.arrived(),
                f.totalMs(),
                memory,
                f.memoryBytes() / 1024.0,
                f.keysLeft(),
                f.keysAfterCleanup());
    }
}
