package dev.cfn.agents;

import java.time.Duration;

/** Builds {@link AgentResult}s from what an agent answered, the same way for every runtime. */
public final class Results {
    private Results() {}

    /**
     * The result of a run whose answer was read; a {@code failure} (non-null) or a timeout overrides
     * the reported confidence with 0.0 and the failure as the reason. Add tokens with {@link
     * AgentResult.Builder#tokens} before {@code build()}.
     */
    public static AgentResult.Builder of(
            AgentInvocation inv,
            AgentAnswer answer,
            String failure,
            boolean timedOut,
            int exitCode,
            Duration duration) {
        AgentResult.Status status = timedOut
                ? AgentResult.Status.TIMEOUT
                : failure != null || answer.reportsFailure() ? AgentResult.Status.FAILURE : AgentResult.Status.SUCCESS;
        return AgentResult.builder(inv.agentId(), inv.definition().name())
                .status(status)
                .confidence(
                        failure != null ? 0.0 : answer.confidence(),
                        failure != null ? failure : answer.confidenceReason())
                .summary(answer.summary())
                .files(answer.files())
                .feedback(answer.feedback())
                .decision(answer.decision(), answer.reasoning())
                .skills(answer.skills())
                .exitCode(exitCode)
                .duration(duration);
    }

    /** A run that produced nothing to read: a FAILURE or TIMEOUT with {@code reason}. */
    public static AgentResult failed(
            AgentInvocation inv, String reason, boolean timedOut, int exitCode, Duration duration) {
        return AgentResult.failed(inv.agentId(), inv.definition().name(), reason).toBuilder()
                .status(timedOut ? AgentResult.Status.TIMEOUT : AgentResult.Status.FAILURE)
                .exitCode(exitCode)
                .duration(duration)
                .build();
    }
}
