package dev.cfn.agents;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one agent run produced. A run that reported no confidence has confidence 0.0 and
 * {@code confidenceReason} saying so (never a default like the original's 0.85).
 *
 * @param confidenceReason null when the agent reported its confidence, else why it is 0.0
 * @param decision the product owner's PROCEED / ITERATE / ABORT, or null
 * @param exitCode the process exit code, or -1 when there is none (timeout, API call)
 */
public record AgentResult(
        String agentId,
        String agentType,
        Status status,
        double confidence,
        String confidenceReason,
        String summary,
        List<String> files,
        List<Feedback> feedback,
        String decision,
        String reasoning,
        int exitCode,
        Duration duration,
        long inputTokens,
        long outputTokens) {
    public enum Status {
        SUCCESS,
        FAILURE,
        TIMEOUT
    }

    public AgentResult {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be 0 to 1, but was " + confidence);
        }
        files = List.copyOf(files);
        feedback = List.copyOf(feedback);
    }
}
