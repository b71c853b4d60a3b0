package dev.cfn.agents.spawn;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link AgentSpawner} runs agents.
 *
 * @param maxParallel at most this many agents run at once
 * @param warmPerType processes kept per {@code warm: true} agent type
 * @param killGrace after TERM, how long a process tree gets before KILL
 * @param anthropicRetries retries of an overloaded or failed Messages API call (within the timeout)
 * @param env cfn's environment: where {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL} are
 *     read from, and the only source of what agent processes are allowed of it (PATH, HOME, what a
 *     definition lists under {@code env:}); agents never inherit all of it
 */
public record SpawnerSettings(
        int maxParallel, int warmPerType, Duration killGrace, int anthropicRetries, Map<String, String> env) {
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
    }

    /** 16 at once, 2 warm per type, 2 s grace, 2 retries, the process environment. */
    public static SpawnerSettings defaults() {
        return new SpawnerSettings(16, 2, Duration.ofSeconds(2), 2, System.getenv());
    }

    public SpawnerSettings withMaxParallel(int n) {
        return new SpawnerSettings(n, warmPerType, killGrace, anthropicRetries, env);
    }

    public SpawnerSettings withWarmPerType(int n) {
        return new SpawnerSettings(maxParallel, n, killGrace, anthropicRetries, env);
    }

    public SpawnerSettings withEnv(Map<String, String> environment) {
        return new SpawnerSettings(maxParallel, warmPerType, killGrace, anthropicRetries, environment);
    }
}
