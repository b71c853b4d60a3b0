package dev.cfn.agents;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Every field under its snake_case JSON name, in declaration order, the status as its enum name:
     * what {@code cfn agent run --json} prints and what a worker sends back through the queue.
     */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", agentId);
        m.put("agent_type", agentType);
        m.put("status", status.name());
        m.put("confidence", confidence);
        m.put("confidence_reason", confidenceReason);
        m.put("summary", summary);
        m.put("files", files);
        m.put(
                "feedback",
                feedback.stream()
                        .map(f -> Map.of("severity", f.severity().name(), "message", f.message()))
                        .toList());
        m.put("decision", decision);
        m.put("reasoning", reasoning);
        m.put("exit_code", exitCode);
        m.put("duration_ms", duration.toMillis());
        m.put("input_tokens", inputTokens);
        m.put("output_tokens", outputTokens);
        return m;
    }
}
