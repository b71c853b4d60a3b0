package dev.cfn.skills.bench;

import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.SkillLoader;
import java.util.Locale;

/**
 * The loader's cache under a skewed workload: a registry of 10,000 skills, each deployed to its
 * own agent type, loaded in Zipf order (s = 0.99, the YCSB default) through a loader with the
 * default heap-sized cache. The hit rate is counted after a warm-up that fills the cache.
 */
final class ZipfPhase {
    static final int KEYS = 10_000;
    static final double EXPONENT = 0.99;

    private final BenchConfig config;
    private final BenchProgress progress;

    ZipfPhase(BenchConfig config, BenchProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    BenchRow run() {
        progress.update("zipf: generating 10,000 skills", 0, 1);
        try (BenchFixture fixture = BenchFixture.create(new DataShape(KEYS, KEYS, 1, 0))) {
            SkillLoader loader = new SkillLoader(fixture.db(), fixture.registry(), 0);
            LoadRequest[] requests = new LoadRequest[KEYS];
            for (int k = 0; k < KEYS; k++) {
                requests[k] = LoadRequest.of(DataShape.agentType(k));
            }
            ZipfSampler zipf = new ZipfSampler(KEYS, EXPONENT, 7);
            int warmup = config.n(100_000, 20_000);
            int measured = config.n(500_000, 100_000);
            long hitsBefore = 0;
            for (int i = 0; i < warmup + measured; i++) {
                if (i == warmup) {
                    hitsBefore = loader.stats().hitCount();
                }
                loader.load(requests[zipf.next()]);
                if (i % 10_000 == 0) {
                    progress.update("zipf workload", i, warmup + measured);
                }
            }
            double hitRate = (double) (loader.stats().hitCount() - hitsBefore) / measured;
            String note = String.format(
                    Locale.ROOT,
                    "s=%.2f, %d keys, capacity %d (heap-sized); a perfect cache of that size: %.1f%%",
                    EXPONENT,
                    KEYS,
                    loader.capacity(),
                    100 * zipf.topShare(loader.capacity()));
            return Operations.ZIPF.rate(hitRate, measured, note);
        }
    }
}
