package dev.cfn.http;

import dev.cfn.metrics.CfnMetrics;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.analytics.SkillAnalytics;
import dev.cfn.store.Database;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server's routes work with, opened by the command that starts it and closed by it. Every
 * part is thread-safe.
 *
 * @param redisPing pings Redis (throwing when it cannot) when Redis is configured, checked by {@code
 *     /health}; empty otherwise
 * @param loops runs loops in the server process; see {@link ApiLoops}
 * @param events the live events of those loops, for SSE clients (also {@code loops}' listener)
 */
public record Services(
        Database database,
        Optional<Runnable> redisPing,
        CfnMetrics metrics,
        SkillRegistry registry,
        SkillLoader loader,
        SkillAnalytics analytics,
        ApiLoops loops,
        LoopEventHub events,
        Clock clock) {
    public Services {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redisPing, "redisPing");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
    }
}
