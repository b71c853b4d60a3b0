package dev.cfn.coord;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of a coordinator's keyspace and, on Redis, of the server's memory and load.
 *
 * @param kind {@code local} or {@code redis}
 * @param target where the keys live: {@code in-process}, or the Redis URL without its password
 * @param keysByKind key counts by {@link KeyScheme.Kind} template (counted with SCAN on Redis)
 * @param usedMemoryBytes Redis {@code used_memory}; -1 for the local coordinator
 * @param maxMemoryBytes Redis {@code maxmemory}; 0 when unlimited, -1 for the local coordinator
 * @param maxMemoryPolicy Redis {@code maxmemory_policy}; empty for the local coordinator
 * @param opsPerSecond Redis {@code instantaneous_ops_per_sec}; -1 for the local coordinator
 * @param workers the {@code cfn worker}s of every queue on this Redis, live or dead; empty locally
 */
public record CoordStats(
        String kind,
        String target,
        Map<String, Long> keysByKind,
        long usedMemoryBytes,
        long maxMemoryBytes,
        String maxMemoryPolicy,
        long opsPerSecond,
        List<WorkerStatus> workers) {
    /** Above this share of maxmemory, stats carry a warning. */
    public static final double MEMORY_WARNING_FRACTION = 0.8;

    public CoordStats {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        keysByKind = Collections.unmodifiableMap(new TreeMap<>(keysByKind));
        Objects.requireNonNull(maxMemoryPolicy, "maxMemoryPolicy");
        workers = List.copyOf(workers);
    }

    /** Stats without workers (the local coordinator, which has no queue). */
    public CoordStats(
            String kind,
            String target,
            Map<String, Long> keysByKind,
            long usedMemoryBytes,
            long maxMemoryBytes,
            String maxMemoryPolicy,
            long opsPerSecond) {
        this(kind, target, keysByKind, usedMemoryBytes, maxMemoryBytes, maxMemoryPolicy, opsPerSecond, List.of());
    }

    /** Used memory as a share of maxmemory; 0 when there is no limit or it is unknown. */
    public double memoryFraction() {
        return maxMemoryBytes > 0 && usedMemoryBytes >= 0 ? (double) usedMemoryBytes / maxMemoryBytes : 0.0;
    }

    /** A warning when used memory is above 80% of maxmemory. */
    public Optional<String> warning() {
        if (memoryFraction() <= MEMORY_WARNING_FRACTION) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                "Redis at %s uses %d of %d bytes of maxmemory (%.0f%%, above %.0f%%); policy %s",
                target,
                usedMemoryBytes,
                maxMemoryBytes,
                memoryFraction() * 100,
                MEMORY_WARNING_FRACTION * 100,
                maxMemoryPolicy));
    }

    /** The total number of keys counted. */
    public long totalKeys() {
        return keysByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
