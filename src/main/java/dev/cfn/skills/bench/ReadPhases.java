package dev.cfn.skills.bench;

import dev.cfn.bench.Samples;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.SkillLoader;
import java.util.ArrayList;
import java.util.List;

/** Loads (cold and cached) and the analytics reports (computed and cached). */
final class ReadPhases {
    private final BenchConfig config;
    private final Measure measure;
    private final BenchFixture fixture;
    private final List<LoadRequest> requests = new ArrayList<>();

    ReadPhases(BenchConfig config, Measure measure, BenchFixture fixture, DataShape shape) {
        this.config = config;
        this.measure = measure;
        this.fixture = fixture;
        for (int a = 0; a < shape.agentTypes(); a++) {
            requests.add(LoadRequest.of(DataShape.agentType(a)));
        }
    }

    /**
     * A load that misses the result cache (as every load does after a registry write): mappings
     * and skills read, version texts from the loader's version-text cache.
     */
    BenchRow loadCold() {
        SkillLoader loader = fixture.loader();
        Samples s = measure.time(
                "load cold", config.n(5000, 500), config.n(20_000, 2000), i -> loader.loadUncached(request(i)));
        return Operations.LOAD_COLD.measured(s);
    }

    /**
     * The first load of a fresh loader: its result cache and its version-text cache are both
     * empty, so the version texts are read too. A new loader per sample, made untimed.
     */
    BenchRow loadFirst() {
        SkillLoader[] fresh = new SkillLoader[1];
        Measure.Prepare newLoader = i -> fresh[0] = new SkillLoader(fixture.db(), null, 100);
        Samples s = measure.time(
                "load first",
                config.n(2000, 300),
                config.n(5000, 500),
                newLoader,
                i -> fresh[0].loadUncached(request(i)));
        return Operations.LOAD_FIRST.measured(s);
    }

    /** A load answered by the cache, over 50 agent types already loaded once. */
    BenchRow loadCached() {
        SkillLoader loader = fixture.loader();
        for (int i = 0; i < 50; i++) {
            loader.load(request(i));
        }
        Samples s = measure.time(
                "load cached", config.n(50_000, 5000), config.n(200_000, 20_000), i -> loader.load(request(i % 50)));
        return Operations.LOAD_CACHED.measured(s);
    }

    List<BenchRow> analytics() {
        List<BenchRow> rows = new ArrayList<>();
        for (String report : Operations.REPORTS) {
            Samples s = measure.time(
                    "analytics " + report,
                    config.n(10, 3),
                    config.n(60, 12),
                    i -> fixture.uncachedAnalytics().report(report, 30));
            rows.add(Operations.analytics(report, false).measured(s));
        }
        for (String report : Operations.REPORTS) {
            fixture.analytics().report(report, 30);
            Samples s = measure.time(
                    "analytics " + report + " (cached)",
                    config.n(3000, 300),
                    config.n(10_000, 1000),
                    i -> fixture.analytics().report(report, 30));
            rows.add(Operations.analytics(report, true).measured(s));
        }
        return rows;
    }

    /** 20 cold loads of different agent types, issued at once from 20 threads: the wall time. */
    BenchRow concurrent() {
        try (ConcurrentQueries queries = new ConcurrentQueries(20)) {
            Samples s = measure.time(
                    "20 concurrent queries",
                    config.n(100, 20),
                    config.n(500, 50),
                    round -> queries.runRound(t -> fixture.loader().loadUncached(request(round * 20 + t))));
            return Operations.CONCURRENT.measured(s);
        }
    }

    private LoadRequest request(int i) {
        return requests.get(Math.floorMod(i, requests.size()));
    }
}
