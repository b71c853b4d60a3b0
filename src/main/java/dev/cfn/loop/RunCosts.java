package dev.cfn.loop;

import dev.cfn.agents.Usage;
import dev.cfn.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What runs spent: tokens by kind, turns, API time and cost, summed from their agents' stored
 * results and from the agents their stops ended ({@code agent_stops}), so every dollar counts.
 * Thread-safe.
 */
public final class RunCosts {
    private static final String KINDS =
            "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, turns," + " api_ms, cost_usd";
    private static final String SUMS = "SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),"
            + " SUM(cache_write_tokens), SUM(turns), SUM(api_ms), SUM(cost_usd)";
    private static final String BY_ITERATION = "SELECT iteration, " + SUMS + " FROM (SELECT iteration, " + KINDS
            + " FROM agent_results WHERE run_id = ? UNION ALL SELECT iteration, " + KINDS
            + " FROM agent_stops WHERE run_id = ?) spent GROUP BY iteration";
    private static final String RECENT = "SELECT recent.id, " + SUMS
            + " FROM (SELECT id FROM loop_runs ORDER BY created_ms DESC, id DESC LIMIT ?) recent"
            + " JOIN (SELECT run_id, " + KINDS + " FROM agent_results UNION ALL SELECT run_id, " + KINDS
            + " FROM agent_stops) spent ON spent.run_id = recent.id GROUP BY recent.id";

    private final Database db;

    public RunCosts(Database db) {
        this.db = db;
    }

    /** The run's spending by iteration, in iteration order; iterations that spent nothing are absent. */
    public Map<Integer, Usage> byIteration(String runId) {
        Map<Integer, Usage> out = new TreeMap<>();
        db.read(sql -> sql.query(BY_ITERATION, r -> Map.entry(r.getInt(1), usage(r)), runId, runId))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The run's spending in all (zero for an unknown run or one without LLM agents). */
    public Usage ofRun(String runId) {
        return byIteration(runId).values().stream().reduce(Usage.ZERO, Usage::plus);
    }

    /**
     * The spending of the {@code limit} newest runs ({@link RunStore#list}'s), by run id; runs that
     * spent nothing are absent.
     */
    public Map<String, Usage> ofRecent(int limit) {
        Map<String, Usage> out = new LinkedHashMap<>();
        db.read(sql -> sql.query(RECENT, r -> Map.entry(r.getString(1), usage(r)), limit))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Usage usage(ResultSet r) throws SQLException {
        return new Usage(
                r.getLong(2),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.getInt(6),
                r.getLong(7),
                Math.max(0.0, r.getDouble(8)));
    }
}
