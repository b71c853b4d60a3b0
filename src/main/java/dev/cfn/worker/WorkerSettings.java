package dev.cfn.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link QueueWorker} works.
 *
 * @param id this worker's consumer name and heartbeat id (unique among live workers)
 * @param concurrency tasks run at once, at least 1
 * @param types the agent types served; empty for all
 * @param lease an entry held this long without renewal is taken by another worker; the heartbeat
 *     expires after it too; renewed every third of it
 * @param drain on stop, how long running tasks may take to finish before they are given back
 * @param logDir where agent logs go
 */
public record WorkerSettings(
        String id, String host, int concurrency, List<String> types, Duration lease, Duration drain, Path logDir) {
    /** The shortest lease: renewal every third of it must stay well above a round trip. */
    public static final Duration MIN_LEASE = Duration.ofMillis(300);

    public WorkerSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, but was " + concurrency);
        }
        types = List.copyOf(types);
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new IllegalArgumentException(
                    "lease must be at least " + MIN_LEASE.toMillis() + " ms, but was " + lease.toMillis() + " ms");
        }
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(logDir, "logDir");
    }

    /** How long one wait for new entries blocks: short enough to notice a stop quickly. */
    public Duration block() {
        return lease.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? lease.dividedBy(3) : Duration.ofSeconds(1);
    }
}
