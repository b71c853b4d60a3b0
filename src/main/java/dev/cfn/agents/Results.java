package dev.cfn.agents;

import java.time.Duration;
import java.util.List;

/** Builds {@link AgentResult}s the same way for every runtime. */
public final class Results {
    private Results() {}

    /**
     * The result of a run whose answer was read; a {@code failure} (non-null) or a timeout overrides
     * the reported confidence with 0.0 and the failure as the reason.
     */
    public static AgentResult of(
            AgentInvocation inv,
            AgentAnswer answer,
            String failure,
            boolean timedOut,
            int exitCode,
            Duration duration) {
        return of(inv, answer, failure, timedOut, exitCode, duration, 0, 0);
    }

    public static AgentResult of(
            AgentInvocation inv,
            AgentAnswer answer,
            String failure,
            boolean timedOut,
            int exitCode,
            Duration duration,
            long inputTokens,
            long outputTokens) {
        AgentResult.Status status = timedOut
                ? AgentResult.Status.TIMEOUT
                : failure != null || answer.reportsFailure() ? AgentResult.Status.FAILURE : AgentResult.Status.SUCCESS;
        double confidence = failure != null ? 0.0 : answer.confidence();
        String reason = failure != null ? failure : answer.confidenceReason();
        return new AgentResult(
                inv.agentId(),
                inv.definition().name(),
                status,
                confidence,
                reason,
                answer.summary(),
                answer.files(),
                answer.feedback(),
                answer.decision(),
                answer.reasoning(),
                exitCode,
                duration,
                inputTokens,
                outputTokens);
    }

    /** A run that produced nothing to read: a FAILURE or TIMEOUT with {@code reason}. */
    public static AgentResult failed(
            AgentInvocation inv, String reason, boolean timedOut, int exitCode, Duration duration) {
        AgentAnswer none = new AgentAnswer(0.0, reason, null, null, List.of(), List.of(), null, null, "none");
        return of(inv, none, reason, timedOut, exitCode, duration);
    }
}
