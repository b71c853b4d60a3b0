package dev.cfn.metrics;

/**
 * One reading of Redis {@code INFO memory}.
 *
 * @param usedBytes {@code used_memory}
 * @param maxBytes {@code maxmemory}; 0 when Redis has no limit
 */
public record MemoryReading(long usedBytes, long maxBytes) {
    /** Reads Redis memory; may block up to its command timeout and throw when Redis is down. */
    @FunctionalInterface
    public interface Source {
        MemoryReading read();
    }
}
