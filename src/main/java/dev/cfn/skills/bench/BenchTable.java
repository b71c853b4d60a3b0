package dev.cfn.skills.bench;

import dev.cfn.bench.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A report as the text table and as the JSON document {@code cfn bench} prints. */
public final class BenchTable {
    private BenchTable() {}

    public static List<String> headers(boolean baseline) {
        List<String> h =
                new ArrayList<>(List.of("OPERATION", "P50", "P99", "SEED FIGURE", "RATIO", "TARGET", "RESULT"));
        if (baseline) {
            h.addAll(List.of("BASELINE P50", "VS BASELINE"));
        }
        return h;
    }

    public static List<List<Object>> cells(BenchReport report) {
        List<List<Object>> rows = new ArrayList<>();
        for (BenchRow r : report.rows()) {
            boolean rate = r.operation().rate();
            List<Object> cells = new ArrayList<>();
            cells.add(r.operation().label());
            cells.add(rate ? percent(r.p50()) : Durations.format((long) r.p50()));
            cells.add(rate ? "-" : Durations.format((long) r.p99()));
            cells.add(r.operation().seed().text());
            cells.add(r.seedRatio() == null ? "-" : Durations.ratio(r.seedRatio()));
            cells.add(r.operation().target().text());
            cells.add(r.verdict());
            if (report.baseline()) {
                cells.add(
                        r.baselineP50() == null
                                ? "-"
                                : Durations.format(r.baselineP50().longValue()));
                cells.add(r.baselineSpeedup() == null ? "-" : Durations.ratio(r.baselineSpeedup()));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Notes printed under the table (the Zipf workload's parameters, say). */
    public static List<String> notes(BenchReport report) {
        List<String> notes = new ArrayList<>();
        for (BenchRow r : report.rows()) {
            if (!r.note().isEmpty()) {
                notes.add(r.operation().label() + ": " + r.note());
            }
        }
        return notes;
    }

    /** The JSON document: times in microseconds, ratios as numbers. */
    public static Map<String, Object> document(BenchReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("quick", report.quick());
        doc.put("jvm", report.jvm());
        doc.put(
                "data",
                Map.of(
                        "skills", report.shape().skills(),
                        "mappings", report.shape().mappings(),
                        "usage_rows", report.shape().usageRows(),
                        "generation_ms", report.generationNanos() / 1_000_000));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchRow r : report.rows()) {
            rows.add(row(r));
        }
        doc.put("rows", rows);
        doc.put("all_passed", report.allPassed());
        return doc;
    }

    private static Map<String, Object> row(BenchRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", r.operation().key());
        m.put("label", r.operation().label());
        if (r.operation().rate()) {
            m.put("rate", r.p50());
        } else {
            m.put("p50_us", r.p50() / 1000.0);
            m.put("p99_us", r.p99() / 1000.0);
        }
        m.put("samples", r.samples());
        m.put("seed", r.operation().seed().text());
        m.put("seed_ratio", r.seedRatio());
        m.put("target", r.operation().target().text());
        m.put("result", r.verdict());
        if (r.baselineP50() != null) {
            m.put("baseline_p50_us", r.baselineP50() / 1000.0);
            m.put("baseline_speedup", r.baselineSpeedup());
        }
        if (!r.note().isEmpty()) {
            m.put("note", r.note());
        }
        return m;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
