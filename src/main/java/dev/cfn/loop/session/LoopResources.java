package dev.cfn.loop.session;

import dev.cfn.agents.PriceTable;
import dev.cfn.coord.Coordinator;
import dev.cfn.loop.RunStore;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.store.UsageLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The long-lived resources every run of one process shares: the run store, the coordinator, the
 * skills loader, the usage log; held by the CLI's context or by the server.
 *
 * @param env cfn's environment; agent processes get only an allowlist of it (AgentEnvironment)
 * @param redisUrl passed to agents as {@code CFN_REDIS_URL} when set
 * @param prices what models cost (built in, and {@code price.*} of {@code <home>/config})
 */
public record LoopResources(
        RunStore store,
        Coordinator coordinator,
        Function<LoadRequest, List<LoadedSkill>> skills,
        UsageLog usage,
        Clock clock,
        Path logDir,
        Map<String, String> env,
        Optional<String> redisUrl,
        PriceTable prices) {
    public LoopResources {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(skills, "skills");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(logDir, "logDir");
        env = Map.copyOf(env);
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(prices, "prices");
    }
}
