package dev.cfn.loop;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentResult;
import dev.cfn.coord.Completion;
import dev.cfn.coord.Coordinator;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run through the {@link Coordinator} under the run id as task id — agent ids per
 * iteration, each result and confidence, the decision — so shell agents, dashboards and other
 * processes can follow it with plain Redis commands; cleans the run's keys at its end. The
 * database stays the source of truth: a coordination failure is reported to the listener and
 * the run goes on. Each result is also told to the listener ({@link LoopEvent.AgentFinished}).
 */
public final class RunSignals {
    private final Coordinator coordinator;
    private final LoopListener listener;

    public RunSignals(Coordinator coordinator, LoopListener listener) {
        this.coordinator = coordinator;
        this.listener = listener;
    }

    /** The agent ids of a Loop 3 or Loop 2 phase, as {@code swarm:{run}:{loop}:agent_ids:iteration{N}}. */
    void agentIds(String runId, Phase phase, int iteration, List<String> ids) {
        guarded(runId, "agent ids", () -> coordinator.addAgentIds(runId, phase, iteration, ids));
    }

    void result(String runId, int iteration, Phase phase, AgentResult r) {
        listener.on(new LoopEvent.AgentFinished(runId, iteration, phase, r));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("confidence", Double.toString(r.confidence()));
        fields.put("exit_code", Integer.toString(r.exitCode()));
        fields.put("duration_ms", Long.toString(r.duration().toMillis()));
        if (r.summary() != null) {
            fields.put("summary", r.summary());
        }
        Double confidence = r.confidenceReason() == null ? r.confidence() : null;
        guarded(
                runId,
                "signal",
                () -> coordinator.signal(
                        runId, r.agentId(), new Completion(Completion.DEFAULT_PAYLOAD, confidence, fields)));
    }

    LoopListener listener() {
        return listener;
    }

    void decision(String runId, Decision decision) {
        guarded(runId, "decision", () -> coordinator.putDecision(runId, decision));
    }

    void cleanup(String runId) {
        guarded(runId, "cleanup", () -> coordinator.cleanup(runId));
    }

    private void guarded(String runId, String what, Runnable action) {
        try {
            action.run();
        } catch (CfnException e) {
            listener.on(new LoopEvent.CoordinationWarning(runId, what, String.valueOf(e.getMessage())));
        }
    }
}
