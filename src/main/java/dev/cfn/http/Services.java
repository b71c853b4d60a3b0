package dev.cfn.http;

import dev.cfn.coord.Coordinator;
import dev.cfn.metrics.CfnMetrics;
import dev.cfn.store.Database;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server's routes work with, opened by the command that starts it and closed by it.
 *
 * @param redis the coordinator when Redis is configured, checked by {@code /health}; empty otherwise
 */
public record Services(Database database, Optional<Coordinator> redis, CfnMetrics metrics) {
    public Services {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(metrics, "metrics");
    }
}
