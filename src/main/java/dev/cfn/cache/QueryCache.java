package dev.cfn.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * A cache of query results, serialised as text, keyed by a SHA-256 of the query, its parameters
 * and the change epochs of the tables it reads. Implementations are thread-safe; a failure to
 * reach a shared cache is a miss, never an error for the caller.
 */
public interface QueryCache extends AutoCloseable {
    Duration DEFAULT_TTL = Duration.ofMinutes(5);

    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    /** Hits, misses and size so far, for {@code cfn db stats}. */
    Stats stats();

    @Override
    default void close() {}

    record Stats(String kind, long hits, long misses, long size) {
        public double hitRate() {
            long total = hits + misses;
            return total == 0 ? 0.0 : (double) hits / total;
        }
    }
}
