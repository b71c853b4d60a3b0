package dev.cfn.store;

import java.util.Objects;

/**
 * One use of a skill by an agent run, as written to skill_usage_log and usage.jsonl. Nullable
 * fields are unknown.
 */
public record UsageEvent(
        String agentId,
        String agentType,
        String skill,
        String skillVersion,
        String taskId,
        String phase,
        Integer exitCode,
        Long durationMs,
        Double confidenceBefore,
        Double confidenceAfter) {
    public UsageEvent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(skill, "skill");
        if (durationMs != null && durationMs < 0) {
            throw new dev.cfn.InvalidInputException("--duration-ms must be >= 0, but was " + durationMs);
        }
        checkConfidence("--confidence-before", confidenceBefore);
        checkConfidence("--confidence-after", confidenceAfter);
    }

    private static void checkConfidence(String option, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new dev.cfn.InvalidInputException(option + " must be 0 to 1, but was " + value);
        }
    }
}
