package dev.cfn.loadtest;

import dev.cfn.agents.AgentDefinition;
import java.time.Duration;
import java.util.Objects;

/**
 * What a load test runs.
 *
 * @param agents how many agents are kept busy at once, each in its own loop of rounds
 * @param duration how long new rounds start; rounds in flight at the end finish
 * @param agent the agent run each round ({@code warm: true} runs on the warm pool)
 */
public record LoadPlan(int agents, Duration duration, AgentDefinition agent) {
    /** The most agents one load test keeps busy (a process and two virtual threads each). */
    public static final int MAX_AGENTS = 2000;

    /** The longest load test: a day. */
    public static final Duration MAX_DURATION = Duration.ofDays(1);

    public LoadPlan {
        if (agents < 1 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be from 1 to " + MAX_AGENTS + ", but was " + agents);
        }
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be from 1 s to 1 day, but was " + duration);
        }
        Objects.requireNonNull(agent, "agent");
    }

    /** {@code warm} when the agent runs on the warm pool, else {@code process}. */
    public String runtime() {
        return (agent.warm() ? LoadRuntime.WARM : LoadRuntime.PROCESS).label();
    }

    /** How long the orchestrator waits for one round's signal: the agent's timeout and a margin. */
    Duration waitTimeout() {
        return agent.effectiveTimeout().plusSeconds(5);
    }
}
