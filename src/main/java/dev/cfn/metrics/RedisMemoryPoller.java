package dev.cfn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polls Redis {@code INFO memory} on a background thread and keeps the last reading for the
 * {@code cfn_redis_memory_*} gauges, so a scrape never waits for Redis. A failed poll sets the
 * gauges to NaN (the series stays, with no value to alert on) and counts a failure; it never
 * reaches the scrape. Thread-safe.
 */
final class RedisMemoryPoller implements AutoCloseable {
    private static final MemoryReading UNKNOWN = new MemoryReading(-1, -1);

    private final MemoryReading.Source source;
    private final Counter failures;
    private final AtomicReference<MemoryReading> last = new AtomicReference<>(UNKNOWN);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cfn-redis-memory").factory());

    RedisMemoryPoller(MeterRegistry registry, MemoryReading.Source source, Duration every) {
        this.source = source;
        Gauge.builder(MetricNames.REDIS_MEMORY_USED, last, r -> known(r.get().usedBytes()))
                .description("Redis used_memory (INFO memory), polled")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(MetricNames.REDIS_MEMORY_MAX, last, r -> known(r.get().maxBytes()))
                .description("Redis maxmemory (0: no limit), polled")
                .baseUnit("bytes")
                .register(registry);
        this.failures = Counter.builder(MetricNames.REDIS_MEMORY_POLL_FAILURES)
                .description("Failed polls of Redis INFO memory")
                .register(registry);
        thread.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll; public to the package so tests need not wait for the schedule. */
    void poll() {
        try {
            last.set(source.read());
        } catch (RuntimeException e) {
            last.set(UNKNOWN);
            failures.increment();
        }
    }

    private static double known(long value) {
        return value < 0 ? Double.NaN : value;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
