package dev.cfn.agents.spawn;

import dev.cfn.agents.PriceTable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link AgentSpawner} runs agents.
 *
 * @param maxParallel at most this many agents run at once
 * @param warmPerType processes kept per {@code warm: true} agent type
 * @param killGrace after TERM, how long a process tree gets before KILL
 * @param anthropicRetries retries of one model API call of an API agent (anthropic, openai) that was
 *     rate limited, overloaded or lost its connection (within the agent's timeout)
 * @param env cfn's environment: where {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL} are
 *     read from, and the only source of what agent processes are allowed of it (PATH, HOME, what a
 *     definition lists under {@code env:}); agents never inherit all of it
 * @param prices what models cost, for the runtimes that price their own usage (anthropic)
 */
public record SpawnerSettings(
        int maxParallel,
        int warmPerType,
        Duration killGrace,
        int anthropicRetries,
        Map<String, String> env,
        PriceTable prices) {
    public SpawnerSettings {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be >= 1, but was " + maxParallel);
        }
        if (warmPerType < 1) {
            throw new IllegalArgumentException("warmPerType must be >= 1, but was " + warmPerType);
        }
        Objects.requireNonNull(killGrace, "killGrace");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative, but was " + killGrace);
        }
        if (anthropicRetries < 0) {
            throw new IllegalArgumentException("anthropicRetries must be >= 0, but was " + anthropicRetries);
        }
        env = Map.copyOf(env);
        Objects.requireNonNull(prices, "prices");
    }

    /** 16 at once, 2 warm per type, 2 s grace, 6 retries, the process environment, the built-in prices. */
    public static SpawnerSettings defaults() {
        return new SpawnerSettings(16, 2, Duration.ofSeconds(2), 6, System.getenv(), PriceTable.builtIn());
    }

    public SpawnerSettings withMaxParallel(int n) {
        return new SpawnerSettings(n, warmPerType, killGrace, anthropicRetries, env, prices);
    }

    public SpawnerSettings withWarmPerType(int n) {
        return new SpawnerSettings(maxParallel, n, killGrace, anthropicRetries, env, prices);
    }

    public SpawnerSettings withEnv(Map<String, String> environment) {
        return new SpawnerSettings(maxParallel, warmPerType, killGrace, anthropicRetries, environment, prices);
    }

    public SpawnerSettings withPrices(PriceTable table) {
        return new SpawnerSettings(maxParallel, warmPerType, killGrace, anthropicRetries, env, table);
    }
}
