package dev.cfn.skills.bench;

import dev.cfn.cache.QueryCache;
import java.time.Duration;
import java.util.Optional;

/** A query cache that never holds anything: every report is computed (the uncached figures). */
final class MissingQueryCache implements QueryCache {
    private long misses;

    @Override
    public Optional<String> get(String key) {
        misses++;
        return Optional.empty();
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        // forgotten at once
    }

    @Override
    public Stats stats() {
        return new Stats("none", 0, misses, 0);
    }
}
