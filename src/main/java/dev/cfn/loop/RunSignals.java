package dev.cfn.loop;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentResult;
import dev.cfn.coord.Completion;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.Loop;
import dev.cfn.coord.TaskDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run through the {@link Coordinator} under the run id as task id — agent ids per
 * iteration, each result and confidence, the decision — so shell agents, dashboards and other
 * processes can follow it with plain Redis commands; cleans the run's keys at its end. The
 * database stays the source of truth: a coordination failure is reported to the listener and
 * the run goes on. Each result is also told to the listener ({@code agent-result}).
 */
public final class RunSignals {
    private final Coordinator coordinator;
    private final LoopListener listener;

    public RunSignals(Coordinator coordinator, LoopListener listener) {
        this.coordinator = coordinator;
        this.listener = listener;
    }

    void agentIds(String runId, String loop, int iteration, List<String> ids) {
        Loop which = "loop3".equals(loop) ? Loop.LOOP3 : "loop2".equals(loop) ? Loop.LOOP2 : null;
        if (which != null) {
            guarded("agent ids", () -> coordinator.addAgentIds(runId, which, iteration, ids));
        }
    }

    void result(String runId, int iteration, String loop, AgentResult r) {
        listener.on("agent-result", resultEvent(runId, iteration, loop, r));
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
                "signal",
                () -> coordinator.signal(
                        runId, r.agentId(), new Completion(Completion.DEFAULT_PAYLOAD, confidence, fields)));
    }

    private static Map<String, Object> resultEvent(String runId, int iteration, String loop, AgentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("iteration", iteration);
        m.put("loop", loop);
        m.put("agent_id", r.agentId());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("confidence", r.confidence());
        m.put("duration_ms", r.duration().toMillis());
        return m;
    }

    void decision(String runId, TaskDecision decision) {
        guarded("decision", () -> coordinator.putDecision(runId, decision));
    }

    void cleanup(String runId) {
        guarded("cleanup", () -> coordinator.cleanup(runId));
    }

    private void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (CfnException e) {
            listener.on("coordination-warning", Map.of("what", what, "error", String.valueOf(e.getMessage())));
        }
    }
}
