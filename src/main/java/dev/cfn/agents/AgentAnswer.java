package dev.cfn.agents;

import dev.cfn.protocol.Decision;
import java.util.List;
import java.util.Objects;

/**
 * What an agent said, as read from its output by {@link AgentOutputParser}.
 *
 * @param confidence 0..1; 0.0 when none was reported or it was invalid
 * @param confidenceReason null when a valid confidence was reported, else why it is 0.0
 * @param status the agent's own status word ({@code success}, {@code failed} ...), or null
 * @param decision the product owner's decision, or null when none was given
 * @param source where the answer came from: {@code json}, {@code text} or {@code none}
 * @param skills SKILL.md documents the agent proposes (a reflector's {@code "skills"}), each the
 *     file's whole text; empty when none
 */
public record AgentAnswer(
        double confidence,
        String confidenceReason,
        String status,
        String summary,
        List<String> files,
        List<Feedback> feedback,
        Decision decision,
        String reasoning,
        String source,
        List<String> skills) {
    /** An answer proposing no skills. */
    public AgentAnswer(
            double confidence,
            String confidenceReason,
            String status,
            String summary,
            List<String> files,
            List<Feedback> feedback,
            Decision decision,
            String reasoning,
            String source) {
        this(confidence, confidenceReason, status, summary, files, feedback, decision, reasoning, source, List.of());
    }

    public AgentAnswer {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be 0 to 1, but was " + confidence);
        }
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        feedback = List.copyOf(feedback);
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    /** True when the agent itself said it failed ({@code status} failed, failure, error or blocked). */
    public boolean reportsFailure() {
        return status != null && status.strip().matches("(?i)fail(ed|ure)?|error|blocked");
    }
}
