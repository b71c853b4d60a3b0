package dev.cfn.skills.bench;

import java.util.ArrayList;
import java.util.List;

/** The rows of {@code cfn bench}, in print order, with the seed's figures and the targets. */
public final class Operations {
    public static final List<String> REPORTS =
            List.of("effectiveness", "velocity", "bottlenecks", "by-approval", "usage");

    public static final Operation DEPLOY =
            new Operation("deploy", "skill deployment", false, SeedFigure.millis("268 ms", 268), Target.NONE, "deploy");
    public static final Operation LOAD_CACHED = new Operation(
            "load_cached", "skill load cached", false, SeedFigure.millis("25 ms", 25), Target.atMostMicros(1), "load");
    public static final Operation LOAD_COLD = new Operation(
            "load_cold", "skill load cold", false, SeedFigure.millis("27 ms", 27), Target.atMostMicros(20), "load");
    public static final Operation LOAD_FIRST = new Operation(
            "load_first",
            "skill load first (caches empty)",
            false,
            SeedFigure.millis("27 ms", 27),
            Target.NONE,
            "load");
    public static final Operation UPDATE = new Operation(
            "update",
            "skill update",
            false,
            SeedFigure.millis("535 ms", 535),
            Target.atMostMicros(300).andBaselineSpeedup(50),
            "update");
    public static final Operation LOG =
            new Operation("log", "dual logging", false, SeedFigure.millis("24 ms", 24), Target.atMostMicros(50), "log");
    public static final Operation CONCURRENT = new Operation(
            "concurrent_20",
            "20 concurrent queries (wall)",
            false,
            SeedFigure.millis("109 ms", 109),
            Target.atMostMicros(1000),
            "concurrent_20");
    public static final Operation BULK_IMPORT = new Operation(
            "bulk_import",
            "bulk import of 1,000 skills",
            false,
            SeedFigure.NONE,
            Target.atMostMicros(300_000),
            "bulk_import");
    public static final Operation ZIPF = new Operation(
            "zipf_hit_rate",
            "cache hit rate, Zipf over 10,000",
            true,
            new SeedFigure("~40%", 0.40),
            Target.atLeastRate(0.90),
            null);

    private Operations() {}

    /** An analytics report, computed ({@code cached} false) or answered from the query cache. */
    public static Operation analytics(String report, boolean cached) {
        String key = "analytics_" + report.replace('-', '_') + (cached ? "_cached" : "");
        return new Operation(
                key,
                "analytics " + report + (cached ? " (cached)" : ""),
                false,
                SeedFigure.millis("22-56 ms", 22),
                Target.atMostMicros(cached ? 50 : 5000),
                "analytics_" + report.replace('-', '_'));
    }

    /** Every operation, in print order. */
    public static List<Operation> all() {
        List<Operation> all = new ArrayList<>(List.of(DEPLOY, LOAD_CACHED, LOAD_COLD, LOAD_FIRST));
        for (String report : REPORTS) {
            all.add(analytics(report, false));
        }
        for (String report : REPORTS) {
            all.add(analytics(report, true));
        }
        all.addAll(List.of(UPDATE, LOG, CONCURRENT, BULK_IMPORT, ZIPF));
        return all;
    }
}
