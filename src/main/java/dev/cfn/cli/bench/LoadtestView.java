package dev.cfn.cli.bench;

import dev.cfn.cli.Output;
import dev.cfn.cli.Progress;
import dev.cfn.loadtest.LoadPlan;
import dev.cfn.loadtest.LoadReport;
import dev.cfn.loadtest.LoadSummary;
import dev.cfn.loadtest.Sample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code cfn loadtest} prints: the per-second progress on stderr (redrawn in place on a
 * terminal, one line per second otherwise, nothing with {@code --json}), and the summary table or
 * one JSON document on stdout.
 */
final class LoadtestView {
    private final Output out;
    private final PrintStream err;
    private final boolean terminal;
    private boolean drawn;

    LoadtestView(Output out) {
        this.out = out;
        this.err = out.err();
        this.terminal = Progress.isTerminal();
    }

    /** Says what runs (human output only). */
    void start(LoadPlan plan, String coordinator) {
        if (!out.json()) {
            out.line("loadtest: " + plan.agents() + " agents for "
                    + plan.duration().toSeconds() + " s, runtime " + plan.runtime() + " (agent "
                    + plan.agent().name() + "), coordination " + coordinator);
            out.flush();
        }
    }

    /** One second's progress line. */
    void progress(Sample s) {
        if (out.json()) {
            return;
        }
        String line = String.format(
                "loadtest %5.1f s  running %4d  spawns/s %8.1f  coord ops/s %8.1f  heap %s",
                s.elapsedSeconds(), s.running(), s.spawnsPerSecond(), s.coordOpsPerSecond(), mib(s.heapUsedBytes()));
        err.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
        err.flush();
        drawn = true;
    }

    /** Ends the live line, so the summary starts on a line of its own. */
    void endProgress() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    void print(LoadReport report) {
        out.print(document(report), () -> table(report.summary()));
    }

    private void table(LoadSummary s) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("elapsed", s.elapsedSeconds() + " s" + (s.interrupted() ? " (interrupted)" : "")));
        rows.add(List.of("total spawns", s.spawns()));
        rows.add(List.of("rounds", s.rounds()));
        rows.add(List.of("failures", s.failures() + (s.cutShort() > 0 ? " (+" + s.cutShort() + " cut short)" : "")));
        rows.add(List.of("spawns/s", String.format("%.1f", s.spawnsPerSecond())));
        rows.add(List.of("coordination ops/s", String.format("%.1f", s.coordOpsPerSecond())));
        rows.add(List.of("spawn p50 / p99", ms(s.spawnP50Ms()) + " / " + ms(s.spawnP99Ms())));
        rows.add(List.of("round trip p50 / p99", ms(s.roundTripP50Ms()) + " / " + ms(s.roundTripP99Ms())));
        rows.add(List.of("peak running", s.peakRunning()));
        rows.add(List.of("peak heap", mib(s.peakHeapBytes())));
        rows.add(List.of("peak RSS", mib(s.peakRssBytes())));
        rows.add(List.of("keys removed", s.keysRemoved() < 0 ? "cleanup failed" : s.keysRemoved()));
        s.failureReasons().forEach((reason, count) -> rows.add(List.of("failure", count + " x " + reason)));
        rows.add(
                List.of("verdict", s.unhealthy().map(why -> "UNHEALTHY: " + why).orElse("healthy")));
        out.table(List.of("metric", "value"), rows);
    }

    private static Map<String, Object> document(LoadReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", r.task());
        doc.put("coordinator", r.coordinator());
        doc.put("runtime", r.runtime());
        doc.put("agent", r.agent());
        doc.put("agents", r.agents());
        doc.put("duration_s", r.durationSeconds());
        doc.put("samples", r.samples().stream().map(LoadtestView::sample).toList());
        doc.put("summary", summary(r.summary()));
        doc.put("healthy", r.summary().unhealthy().isEmpty());
        doc.put("unhealthy_reason", r.summary().unhealthy().orElse(null));
        return doc;
    }

    private static Map<String, Object> sample(Sample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("second", s.second());
        m.put("elapsed_s", s.elapsedSeconds());
        m.put("running", s.running());
        m.put("spawns", s.spawns());
        m.put("spawns_per_s", s.spawnsPerSecond());
        m.put("coord_ops_per_s", s.coordOpsPerSecond());
        m.put("heap_used_bytes", s.heapUsedBytes());
        m.put("rss_bytes", s.rssBytes());
        return m;
    }

    private static Map<String, Object> summary(LoadSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elapsed_s", s.elapsedSeconds());
        m.put("spawns", s.spawns());
        m.put("rounds", s.rounds());
        m.put("failures", s.failures());
        m.put("cut_short", s.cutShort());
        m.put("spawns_per_s", s.spawnsPerSecond());
        m.put("coord_ops_per_s", s.coordOpsPerSecond());
        m.put("spawn_p50_ms", s.spawnP50Ms());
        m.put("spawn_p99_ms", s.spawnP99Ms());
        m.put("round_trip_p50_ms", s.roundTripP50Ms());
        m.put("round_trip_p99_ms", s.roundTripP99Ms());
        m.put("peak_running", s.peakRunning());
        m.put("peak_heap_bytes", s.peakHeapBytes());
        m.put("peak_rss_bytes", s.peakRssBytes());
        m.put("keys_removed", s.keysRemoved());
        m.put("interrupted", s.interrupted());
        m.put("failure_reasons", s.failureReasons());
        return m;
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format("%.2f ms", value);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
