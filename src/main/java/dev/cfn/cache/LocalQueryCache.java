package dev.cfn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;

/** The in-process query cache (Caffeine), with a time-to-live per entry. */
public final class LocalQueryCache implements QueryCache {
    private record Entry(String value, long ttlNanos) {}

    private final Cache<String, Entry> cache;
    /** Kept for the metrics probe, which holds it weakly. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final QueryCacheCounts counts;

    public LocalQueryCache(long maxEntries) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Entry>creating((key, entry) -> Duration.ofNanos(entry.ttlNanos())))
                .recordStats()
                .build();
        this.counts = QueryCacheCounts.register(
                "local", () -> cache.stats().hitCount(), () -> cache.stats().missCount());
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = cache.getIfPresent(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        cache.put(key, new Entry(value, ttl.toNanos()));
    }

    @Override
    public Stats stats() {
        var s = cache.stats();
        return new Stats("local", s.hitCount(), s.missCount(), cache.estimatedSize());
    }
}
