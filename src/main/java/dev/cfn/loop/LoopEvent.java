package dev.cfn.loop;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Usage;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What happens in a run, as it happens: one record per kind of event. Listeners (the CLI's progress
 * lines, the server's event streams, tests) switch over them. {@link #name()} is the wire name and
 * {@link #data()} the snake_case fields an event stream sends; both are stable API.
 */
public sealed interface LoopEvent {
    String runId();

    /** The wire name: {@code run-started}, {@code agent-result}, ... */
    String name();

    /** The fields sent for this event, {@code run_id} first; null values left out. */
    Map<String, Object> data();

    /** Nothing more follows this event in a run's stream. */
    default boolean last() {
        return false;
    }

    /** A new run is stored and about to start. */
    record RunStarted(String runId, String task) implements LoopEvent {
        public String name() {
            return "run-started";
        }

        public Map<String, Object> data() {
            return fields(runId).with("task", task).map();
        }
    }

    /** An orchestrator took over a run whose previous one died, from {@code iteration}. */
    record RunResumed(String runId, int iteration) implements LoopEvent {
        public String name() {
            return "run-resumed";
        }

        public Map<String, Object> data() {
            return fields(runId).with("iteration", iteration).map();
        }
    }

    record IterationStarted(String runId, int iteration) implements LoopEvent {
        public String name() {
            return "iteration-started";
        }

        public Map<String, Object> data() {
            return fields(runId).with("iteration", iteration).map();
        }
    }

    /** A phase of an iteration starts with {@code agents} agents. */
    record PhaseStarted(String runId, int iteration, Phase phase, int agents) implements LoopEvent {
        public String name() {
            return "phase-started";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", iteration)
                    .with("loop", phase.label())
                    .with("agents", agents)
                    .map();
        }
    }

    /** An agent was handed to its runtime. */
    record AgentStarted(String runId, int iteration, Phase phase, String agentId, String agentType)
            implements LoopEvent {
        public String name() {
            return "agent-started";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", iteration)
                    .with("loop", phase.label())
                    .with("agent_id", agentId)
                    .with("agent_type", agentType)
                    .map();
        }
    }

    /** What a running agent did (a tool call, a turn) and what it has used so far. */
    record AgentProgress(
            String runId,
            int iteration,
            Phase phase,
            String agentId,
            dev.cfn.agents.AgentProgress.Kind kind,
            String summary,
            Usage usage)
            implements LoopEvent {
        public String name() {
            return "agent-progress";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", iteration)
                    .with("loop", phase.label())
                    .with("agent_id", agentId)
                    .with("kind", kind.name().toLowerCase(Locale.ROOT))
                    .with("summary", summary)
                    .with("tokens", usage.totalTokens())
                    .with("cost_usd", usage.costUsd())
                    .map();
        }
    }

    /** An agent's result, stored (told once per run, iteration and agent). */
    record AgentFinished(String runId, int iteration, Phase phase, AgentResult result) implements LoopEvent {
        public AgentFinished {
            Objects.requireNonNull(result, "result");
        }

        public String name() {
            return "agent-result";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", iteration)
                    .with("loop", phase.label())
                    .with("agent_id", result.agentId())
                    .with("status", result.status().name().toLowerCase(Locale.ROOT))
                    .with("confidence", result.confidence())
                    .with("duration_ms", result.duration().toMillis())
                    .with("tokens", result.usage().totalTokens())
                    .with("cost_usd", result.usage().costUsd())
                    .map();
        }
    }

    /** Loop 3's mean reported confidence against the gate. */
    record GateChecked(String runId, int iteration, double score, boolean passed) implements LoopEvent {
        public String name() {
            return "gate";
        }

        public Map<String, Object> data() {
            return scored(runId, iteration, score, passed);
        }
    }

    /** Loop 2's consensus against its threshold. */
    record ConsensusChecked(String runId, int iteration, double score, boolean passed) implements LoopEvent {
        public String name() {
            return "consensus";
        }

        public Map<String, Object> data() {
            return scored(runId, iteration, score, passed);
        }
    }

    /** The decision on an iteration and who took it ({@code product-owner} or {@code policy}). */
    record Decided(String runId, int iteration, Decision decision, String source, String reason) implements LoopEvent {
        public String name() {
            return "decision";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", iteration)
                    .with("decision", decision.name())
                    .with("source", source)
                    .with("reason", reason)
                    .map();
        }
    }

    /** An iteration's stored figures. */
    record IterationFinished(String runId, IterationRecord record) implements LoopEvent {
        public String name() {
            return "iteration-finished";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("iteration", record.iteration())
                    .with("gate", record.gateScore())
                    .with("consensus", record.consensusScore())
                    .with(
                            "decision",
                            record.decision() == null ? null : record.decision().name())
                    .with("reason", record.reason())
                    .map();
        }
    }

    /** The run ended (or stopped, resumable) with {@code status} and its reason. */
    record RunFinished(String runId, RunStatus status, String reason) implements LoopEvent {
        public String name() {
            return "run-finished";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("status", status.label())
                    .with("reason", reason)
                    .map();
        }

        @Override
        public boolean last() {
            return true;
        }
    }

    /**
     * Loop 5 ran after a PROCEED: the reflector's proposals now pending in the registry ({@code name
     * version} each) and the problems of those that could not be proposed; {@code error} when the
     * reflection itself failed (the run's decision stands).
     */
    record Reflected(
            String runId,
            String reflector,
            java.util.List<String> proposed,
            java.util.List<String> problems,
            String error)
            implements LoopEvent {
        public String name() {
            return "reflected";
        }

        public Map<String, Object> data() {
            return fields(runId)
                    .with("reflector", reflector)
                    .with("proposed", proposed)
                    .with("problems", problems)
                    .with("error", error)
                    .map();
        }
    }

    /** The orchestrator stopped on an error (the database gone, say): the run stays resumable. */
    record RunFailed(String runId, String error) implements LoopEvent {
        public String name() {
            return "run-error";
        }

        public Map<String, Object> data() {
            return fields(runId).with("error", error).map();
        }

        @Override
        public boolean last() {
            return true;
        }
    }

    /** Publishing to coordination failed; the database stays the truth and the run goes on. */
    record CoordinationWarning(String runId, String what, String error) implements LoopEvent {
        public String name() {
            return "coordination-warning";
        }

        public Map<String, Object> data() {
            return fields(runId).with("what", what).with("error", error).map();
        }
    }

    private static Fields fields(String runId) {
        return new Fields().with("run_id", runId);
    }

    private static Map<String, Object> scored(String runId, int iteration, double score, boolean passed) {
        return fields(runId)
                .with("iteration", iteration)
                .with("score", score)
                .with("passed", passed)
                .map();
    }

    /** An ordered map that leaves out null values. */
    final class Fields {
        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields with(String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        Map<String, Object> map() {
            return java.util.Collections.unmodifiableMap(map);
        }
    }
}
