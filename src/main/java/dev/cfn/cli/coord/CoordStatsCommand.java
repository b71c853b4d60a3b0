package dev.cfn.cli.coord;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.coord.CoordStats;
import dev.cfn.coord.WorkerStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "stats",
        description = {
            "Keys per kind and, on Redis, memory and load.",
            "",
            "Keys are counted with SCAN. On Redis: used memory, maxmemory and its policy, operations per"
                    + " second; above 80%% of maxmemory a warning goes to stderr and into the 'warning' field."
                    + " Also the 'cfn worker's of every queue, live, or dead when their heartbeat expired."
                    + " The local coordinator only knows this process's keys, so a fresh CLI shows none."
        },
        footer = {"", "Example: cfn coord stats --json --redis redis://127.0.0.1:6379"})
public final class CoordStatsCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        CoordStats stats = ctx().coordinator().stats();
        stats.warning().ifPresent(out()::warn);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", stats.kind());
        doc.put("target", stats.target());
        doc.put("keys", stats.keysByKind());
        doc.put("total_keys", stats.totalKeys());
        if (stats.kind().equals("redis")) {
            doc.put("used_memory_bytes", stats.usedMemoryBytes());
            doc.put("maxmemory_bytes", stats.maxMemoryBytes());
            doc.put("maxmemory_policy", stats.maxMemoryPolicy());
            doc.put("memory_fraction", stats.memoryFraction());
            doc.put("ops_per_sec", stats.opsPerSecond());
            doc.put(
                    "workers",
                    stats.workers().stream().map(CoordStatsCommand::worker).toList());
        }
        doc.put("warning", stats.warning().orElse(null));
        out().print(doc, () -> printHuman(stats));
    }

    private void printHuman(CoordStats stats) {
        out().line(stats.kind() + " coordinator at " + stats.target() + ": " + stats.totalKeys() + " keys");
        stats.keysByKind().forEach((template, count) -> out().line(String.format("  %-45s %d", template, count)));
        if (stats.kind().equals("redis")) {
            String limit = stats.maxMemoryBytes() == 0 ? "no limit" : stats.maxMemoryBytes() + " bytes";
            out().line("used memory: " + stats.usedMemoryBytes() + " bytes; maxmemory: " + limit + " ("
                    + stats.maxMemoryPolicy() + ")");
            out().line("ops/s: " + stats.opsPerSecond());
            out().line("workers: " + stats.workers().size());
            stats.workers()
                    .forEach(w -> out().line(String.format(
                            "  %-5s %-30s queue %-12s %s pid %d, %d running, %d done, last beat %d ms ago",
                            w.alive() ? "live" : "DEAD",
                            w.id(),
                            w.queue(),
                            w.host(),
                            w.pid(),
                            w.inFlight(),
                            w.done(),
                            System.currentTimeMillis() - w.lastBeatMs())));
        }
    }

    private static Map<String, Object> worker(WorkerStatus w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("queue", w.queue());
        m.put("status", w.alive() ? "live" : "dead");
        m.put("host", w.host());
        m.put("pid", w.pid());
        m.put("concurrency", w.concurrency());
        m.put("types", w.types());
        m.put("in_flight", w.inFlight());
        m.put("done", w.done());
        m.put("started_ms", w.startedMs());
        m.put("last_beat_ms", w.lastBeatMs());
        return m;
    }
}
