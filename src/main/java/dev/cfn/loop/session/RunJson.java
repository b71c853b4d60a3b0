package dev.cfn.loop.session;

import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Usage;
import dev.cfn.loop.Budget;
import dev.cfn.loop.IterationRecord;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunReport;
import dev.cfn.loop.RunStore;
import dev.cfn.protocol.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of loop runs, one definition shared by the CLI's {@code --json} output and the
 * HTTP API. Keys are snake_case.
 */
public final class RunJson {
    private RunJson() {}

    /** A run's report: how it ended and each iteration's figures. */
    public static Map<String, Object> report(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("task", r.task());
        m.put("status", r.status().label());
        m.put("iterations", r.iterations());
        m.put("final_decision", name(r.finalDecision()));
        m.put("exit_reason", r.exitReason());
        m.put("duration_ms", r.durationMs());
        spending(m, r.spent());
        m.put(
                "per_iteration",
                r.perIteration().stream()
                        .map(it -> iteration(it, r.spentIn(it.iteration())))
                        .toList());
        return m;
    }

    /** {@code cost_usd} (rounded to a millionth of a dollar), {@code tokens} (input + output) and the usage by kind. */
    static void spending(Map<String, Object> m, Usage u) {
        m.put("cost_usd", usd(u.costUsd()));
        m.put("tokens", u.totalTokens());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", u.inputTokens());
        usage.put("output_tokens", u.outputTokens());
        usage.put("cache_read_tokens", u.cacheReadTokens());
        usage.put("cache_write_tokens", u.cacheWriteTokens());
        usage.put("turns", u.turns());
        usage.put("api_ms", u.apiMs());
        m.put("usage", usage);
    }

    /** Dollars summed from doubles, without their float noise (0.30000000000000004). */
    static double usd(double amount) {
        return Math.round(amount * 1_000_000) / 1_000_000.0;
    }

    public static Map<String, Object> iteration(IterationRecord it) {
        return iteration(it, Usage.ZERO);
    }

    /** An iteration's figures and what it spent. */
    public static Map<String, Object> iteration(IterationRecord it, Usage spent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", it.iteration());
        m.put("loop3_confidence", it.gateScore());
        m.put("gate_passed", it.gatePassed());
        m.put("loop2_consensus", it.consensusScore());
        m.put("consensus_passed", it.consensusPassed());
        m.put("deliverables_verified", it.deliverablesOk());
        m.put("deliverable_problems", it.deliverableProblems());
        m.put("decision", name(it.decision()));
        m.put("reason", it.reason());
        m.put(
                "feedback",
                it.feedback().stream()
                        .map(f -> {
                            Map<String, Object> one = new LinkedHashMap<>(); // severity first, always
                            one.put("severity", f.severity().name());
                            one.put("message", f.message());
                            return one;
                        })
                        .toList());
        m.put("cost_usd", usd(spent.costUsd()));
        m.put("tokens", spent.totalTokens());
        return m;
    }

    /** One row of a run list. */
    public static Map<String, Object> summary(RunRecord r) {
        return summary(r, Usage.ZERO);
    }

    /** One row of a run list, with what the run spent. */
    public static Map<String, Object> summary(RunRecord r, Usage spent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.id());
        m.put("status", r.status().label());
        m.put("mode", r.mode());
        m.put("iterations", r.iterations());
        m.put("final_decision", name(r.finalDecision()));
        m.put("started", Instant.ofEpochMilli(r.createdMs()).toString());
        m.put("cost_usd", usd(spent.costUsd()));
        m.put("tokens", spent.totalTokens());
        m.put("task", r.task());
        return m;
    }

    /** The {@code limit} newest runs with what each spent: {@code cfn loop list} and {@code GET /api/loops}. */
    public static List<Map<String, Object>> recent(RunStore store, int limit) {
        Map<String, Usage> spent = store.costs().ofRecent(limit);
        return store.list(limit).stream()
                .map(r -> summary(r, spent.getOrDefault(r.id(), Usage.ZERO)))
                .toList();
    }

    /** Every stored agent result of a run, iteration by iteration. */
    public static List<Map<String, Object>> agents(RunStore store, RunRecord run) {
        List<Map<String, Object>> agents = new ArrayList<>();
        for (int i = 1; i <= run.iterations(); i++) {
            Map<String, List<String>> skills = store.skillsGiven(run.id(), i);
            for (AgentResult r : store.results(run.id(), i).values()) {
                Map<String, Object> one = agent(i, r);
                one.put("skills", skills.getOrDefault(r.agentId(), List.of()));
                agents.add(one);
            }
        }
        return agents;
    }

    static Map<String, Object> agent(int iteration, AgentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("agent_id", r.agentId());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("confidence", r.confidence());
        m.put("confidence_reason", r.confidenceReason());
        m.put("decision", name(r.decision()));
        m.put("exit_code", r.exitCode());
        m.put("duration_ms", r.duration().toMillis());
        m.put("cost_usd", usd(r.usage().costUsd()));
        m.put("tokens", r.usage().totalTokens());
        m.put("turns", r.usage().turns());
        m.put("summary", r.summary());
        return m;
    }

    /** A budget's limits under their option names (null: no limit). */
    public static Map<String, Object> budget(Budget b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_cost_usd", b.maxCostUsd());
        m.put("max_tokens", b.maxTokens());
        m.put("max_duration", b.durationText());
        return m;
    }

    private static String name(Decision d) {
        return d == null ? null : d.name();
    }

    /** {@code cfn loop show} / {@code GET /api/loops/{id}}: the report, the settings and every agent result. */
    public static Map<String, Object> details(RunStore store, RunRecord run, long nowMs) {
        Map<String, Object> doc = report(store.report(run.id(), nowMs));
        doc.put("active_ms", store.activeMs(run.id()));
        doc.put("budget", budget(run.settings().budget()));
        doc.put("settings", run.settings());
        doc.put("criteria", store.criteria(run.id()));
        doc.put("start_commit", store.startCommit(run.id()).orElse(null));
        doc.put("changed_files", RunChanges.filesOf(store, run));
        doc.put("agents", agents(store, run));
        store.reflection(run.id()).ifPresent(r -> doc.put("reflection", r));
        return doc;
    }
}
