package dev.cfn.cache;

import dev.cfn.metrics.CacheCounts;
import dev.cfn.metrics.Probes;
import java.util.function.LongSupplier;

/**
 * A query cache's hits and misses for the metrics probe. The cache keeps this object in a field
 * and the probe holds it weakly, so it is counted exactly while the cache lives.
 */
final class QueryCacheCounts implements CacheCounts {
    private final LongSupplier hits;
    private final LongSupplier misses;

    private QueryCacheCounts(LongSupplier hits, LongSupplier misses) {
        this.hits = hits;
        this.misses = misses;
    }

    /** Registers a cache of {@code kind} (local or redis) with the current probe. */
    static QueryCacheCounts register(String kind, LongSupplier hits, LongSupplier misses) {
        QueryCacheCounts counts = new QueryCacheCounts(hits, misses);
        Probes.current().queryCache(kind, counts);
        return counts;
    }

    @Override
    public long hits() {
        return hits.getAsLong();
    }

    @Override
    public long misses() {
        return misses.getAsLong();
    }

    @Override
    public long size() {
        return -1;
    }
}
