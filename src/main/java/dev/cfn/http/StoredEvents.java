package dev.cfn.http;

import dev.cfn.agents.AgentResult;
import dev.cfn.loop.IterationRecord;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's history rebuilt from the run store, as the events it would have streamed: for a run this
 * server does not drive (started by the CLI, another process, or before a restart).
 */
final class StoredEvents {
    private StoredEvents() {}

    static List<LoopEvent> of(RunStore store, RunRecord run) {
        List<LoopEvent> out = new ArrayList<>();
        String id = run.id();
        add(out, "run-started", Map.of("run_id", id, "task", run.task()));
        for (IterationRecord it : store.iterations(id)) {
            int i = it.iteration();
            add(out, "iteration-started", Map.of("run_id", id, "iteration", i));
            for (AgentResult r : store.results(id, i).values()) {
                add(out, "agent-result", result(id, i, r));
            }
            if (it.gateScore() != null) {
                add(out, "gate", figures(id, i, it.gateScore(), it.gatePassed()));
            }
            if (it.consensusScore() != null) {
                add(out, "consensus", figures(id, i, it.consensusScore(), it.consensusPassed()));
            }
            if (it.decision() != null) {
                Map<String, Object> m = figures(id, i, it.gateScore(), null);
                m.remove("score");
                m.remove("passed");
                m.put("gate", it.gateScore());
                m.put("consensus", it.consensusScore());
                m.put("decision", it.decision());
                m.put("reason", it.reason());
                add(out, "iteration-finished", m);
            }
        }
        if (!run.running()) {
            Map<String, Object> end = new HashMap<>();
            end.put("run_id", id);
            end.put("status", run.status());
            end.put("reason", run.exitReason());
            add(out, "run-finished", end);
        }
        return out;
    }

    private static Map<String, Object> result(String runId, int iteration, AgentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("iteration", iteration);
        m.put("agent_id", r.agentId());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("confidence", r.confidence());
        m.put("duration_ms", r.duration().toMillis());
        return m;
    }

    private static Map<String, Object> figures(String runId, int iteration, Double score, Boolean passed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("iteration", iteration);
        m.put("score", score);
        m.put("passed", passed);
        return m;
    }

    private static void add(List<LoopEvent> out, String name, Map<String, Object> data) {
        out.add(new LoopEvent(out.size() + 1, name, data));
    }
}
