package dev.cfn.agents;

import dev.cfn.protocol.Decision;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one agent run produced. A run that reported no confidence has confidence 0.0 and
 * {@code confidenceReason} saying so (never a default like the original's 0.85). Built with
 * {@link #builder} (or {@link #toBuilder} for a changed copy), so a new field touches no caller.
 *
 * @param confidenceReason null when the agent reported its confidence, else why it is 0.0
 * @param decision the product owner's PROCEED / ITERATE / ABORT, or null
 * @param exitCode the process exit code, or -1 when there is none (timeout, API call)
 * @param skills SKILL.md texts the agent proposed (a reflector's answer), empty for most agents
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
        Decision decision,
        String reasoning,
        int exitCode,
        Duration duration,
        Usage usage,
        List<String> skills) {
    public enum Status {
        SUCCESS,
        FAILURE,
        TIMEOUT
    }

    public AgentResult {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(usage, "usage");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be 0 to 1, but was " + confidence);
        }
        files = List.copyOf(files);
        feedback = List.copyOf(feedback);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** A result of {@code agentType}'s agent {@code agentId}: SUCCESS, confidence 0, nothing else until set. */
    public static Builder builder(String agentId, String agentType) {
        return new Builder(agentId, agentType);
    }

    /** A FAILURE with confidence 0.0 and {@code reason} as its confidence reason, no exit code. */
    public static AgentResult failed(String agentId, String agentType, String reason) {
        return builder(agentId, agentType)
                .status(Status.FAILURE)
                .confidence(0.0, reason)
                .build();
    }

    /** A builder holding every field of this result. */
    public Builder toBuilder() {
        return builder(agentId, agentType)
                .status(status)
                .confidence(confidence, confidenceReason)
                .summary(summary)
                .files(files)
                .feedback(feedback)
                .decision(decision, reasoning)
                .exitCode(exitCode)
                .duration(duration)
                .usage(usage)
                .skills(skills);
    }

    /**
     * Every field under its snake_case JSON name, in declaration order, the status and decision as
     * their enum names: what {@code cfn agent run --json} prints and what a worker sends back through
     * the queue.
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
        m.put("decision", decision == null ? null : decision.name());
        m.put("reasoning", reasoning);
        m.put("exit_code", exitCode);
        m.put("duration_ms", duration.toMillis());
        m.put("input_tokens", usage.inputTokens());
        m.put("output_tokens", usage.outputTokens());
        m.put("cache_read_tokens", usage.cacheReadTokens());
        m.put("cache_write_tokens", usage.cacheWriteTokens());
        m.put("turns", usage.turns());
        m.put("api_ms", usage.apiMs());
        m.put("cost_usd", usage.costUsd());
        if (!skills.isEmpty()) {
            m.put("skills", skills);
        }
        return m;
    }

    /** Builds an {@link AgentResult}; not thread-safe. Defaults: SUCCESS, confidence 0.0, exit code -1, no duration. */
    public static final class Builder {
        private final String agentId;
        private final String agentType;
        private Status status = Status.SUCCESS;
        private double confidence;
        private String confidenceReason;
        private String summary;
        private List<String> files = List.of();
        private List<Feedback> feedback = List.of();
        private Decision decision;
        private String reasoning;
        private int exitCode = -1;
        private Duration duration = Duration.ZERO;
        private Usage usage = Usage.ZERO;
        private List<String> skills = List.of();

        private Builder(String agentId, String agentType) {
            this.agentId = agentId;
            this.agentType = agentType;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        /** The confidence and, when it was not reported (0.0), why; null reason for a reported one. */
        public Builder confidence(double confidence, String reason) {
            this.confidence = confidence;
            this.confidenceReason = reason;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder files(List<String> files) {
            this.files = files;
            return this;
        }

        public Builder feedback(List<Feedback> feedback) {
            this.feedback = feedback;
            return this;
        }

        public Builder decision(Decision decision, String reasoning) {
            this.decision = decision;
            this.reasoning = reasoning;
            return this;
        }

        public Builder exitCode(int exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /** What the agent used (tokens, turns, API time, cost); {@link Usage#ZERO} by default. */
        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /** SKILL.md texts the agent proposed (a reflector's {@code skills}). */
        public Builder skills(List<String> skills) {
            this.skills = skills;
            return this;
        }

        /**
         * @throws IllegalArgumentException if the confidence is outside 0..1
         */
        public AgentResult build() {
            return new AgentResult(
                    agentId,
                    agentType,
                    status,
                    confidence,
                    confidenceReason,
                    summary,
                    files,
                    feedback,
                    decision,
                    reasoning,
                    exitCode,
                    duration,
                    usage,
                    skills);
        }
    }
}
