package dev.cfn.agents.llm;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The port of one wire format: sends a {@link ModelRequest}, streamed, and gives the whole reply.
 * Implementations never retry (the agent loop does, once for both formats) and translate every
 * failure into an {@link ApiFailure} that holds no secret. Thread-safe: one per provider, shared by
 * its agents.
 */
public interface ModelApi extends AutoCloseable {
    /**
     * Blocks until the reply has streamed in.
     *
     * @param timeout the most the call may take
     * @param opened told of the open stream as soon as it exists, so another thread can close it to
     *     abandon the call (a stop, a timeout)
     * @throws ApiFailure when the API refused, failed or could not be reached
     */
    ModelReply call(ModelRequest request, Duration timeout, Consumer<AutoCloseable> opened);

    /** Releases the HTTP client (connections, threads). */
    @Override
    void close();
}
