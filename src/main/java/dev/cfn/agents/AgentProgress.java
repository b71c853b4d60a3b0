package dev.cfn.agents;

import java.util.Objects;

/**
 * Something a running agent did that is worth telling before its result: a tool call (with a
 * short summary of its input), a model turn, the usage so far. Runtimes that can see their agent
 * work (Claude Code's stream, an API agent loop) report these; process agents report none.
 *
 * @param summary one short line, e.g. {@code Edit src/app.py}
 * @param usage what the agent has used so far (cumulative), for live costs and budgets
 */
public record AgentProgress(String agentId, Kind kind, String summary, Usage usage) {
    public enum Kind {
        /** The agent called a tool; the summary names it and its main input. */
        TOOL,
        /** A model turn ended. */
        TURN,
        /** Text the agent wrote (clipped). */
        TEXT,
        /** The usage figures changed without a turn, e.g. the final figures with the cost. */
        USAGE
    }

    public AgentProgress {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(kind, "kind");
        summary = summary == null ? "" : summary;
        usage = usage == null ? Usage.ZERO : usage;
    }
}
