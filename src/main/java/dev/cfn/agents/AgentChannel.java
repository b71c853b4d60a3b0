package dev.cfn.agents;

import java.util.Optional;

/**
 * The orchestrator's side of a channel an agent reaches while it runs (an MCP endpoint on loopback
 * for Claude Code agents): a runtime opens a {@link Seat} for each run, hands the agent its address
 * and token, and reads back what the agent reported through it. A port: the runtime knows only the
 * address, the token and the answer; the endpoint lives in {@code agents.mcp}.
 */
public interface AgentChannel {
    /** No channel: agents answer on their output only. */
    AgentChannel NONE = inv -> Optional.empty();

    /**
     * Opens the seat of one run.
     *
     * @return empty when this orchestrator hosts no channel
     * @throws dev.cfn.RetriableException when the channel cannot be started
     */
    Optional<Seat> open(AgentInvocation inv);

    /** One agent run's place on the channel, valid until closed. */
    interface Seat extends AutoCloseable {
        /** Where the agent connects (e.g. {@code http://127.0.0.1:PORT/mcp}). */
        String url();

        /** The bearer token that identifies this run (a secret: never logged). */
        String token();

        /** The answer the agent reported through the channel, if it did (the last one counts). */
        Optional<AgentAnswer> reported();

        /** Ends the seat: its token is refused from now on. */
        @Override
        void close();
    }
}
