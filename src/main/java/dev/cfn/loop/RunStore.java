package dev.cfn.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.CfnException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentSession;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.Usage;
import dev.cfn.json.Json;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import dev.cfn.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loop runs in the database, written as they happen so a run survives its orchestrator: the run,
 * each iteration's figures, every agent result (at most once per run, iteration and agent) and
 * every decision. Thread-safe.
 */
public final class RunStore {
    static final ObjectMapper JSON = Json.mapper();

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    /** The database the runs are kept in (the reflection proposes skills to its registry). */
    public Database database() {
        return db;
    }

    /**
     * A run's reflection (Loop 5) as stored: {@code reflector}, {@code state} ({@code planned},
     * {@code done}, {@code failed}), what it {@code proposed} and the {@code problems}; empty when the
     * run has none.
     */
    public Optional<Map<String, Object>> reflection(String runId) {
        String json = db.read(
                        sql -> sql.one("SELECT reflection FROM loop_runs WHERE id = ?", r -> r.getString(1), runId))
                .orElse(null);
        return json == null ? Optional.empty() : Optional.of(read(json, new TypeReference<Map<String, Object>>() {}));
    }

    /** Stores a run's reflection, replacing what was stored. */
    public void saveReflection(String runId, Map<String, Object> reflection, long now) {
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET reflection = ?, updated_ms = ? WHERE id = ?", json(reflection), now, runId));
    }

    /** What the runs of this store spent. */
    public RunCosts costs() {
        return new RunCosts(db);
    }

    public void create(String runId, LoopSettings settings, Map<String, String> baseline, long now) {
        db.write(sql -> sql.update(
                "INSERT INTO loop_runs (id, task, mode, settings, baseline, status, owner_pid, heartbeat_ms,"
                        + " created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                runId,
                settings.task(),
                settings.mode(),
                json(settings),
                json(baseline),
                RunStatus.RUNNING.label(),
                ProcessHandle.current().pid(),
                now,
                now,
                now));
    }

    /** Takes over a run (resume): this process becomes its owner, and a stopped run runs again. */
    public void claim(String runId, long now) {
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET status = ?, exit_reason = NULL, owner_pid = ?, heartbeat_ms = ?, updated_ms = ?"
                        + " WHERE id = ?",
                RunStatus.RUNNING.label(),
                ProcessHandle.current().pid(),
                now,
                now,
                runId));
    }

    /**
     * As {@link #claim(String, long)}, with the run's settings replaced by {@code settings} (a resume
     * with a new budget), and any cancel request cleared.
     */
    public void claim(String runId, LoopSettings settings, long now) {
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET status = ?, exit_reason = NULL, owner_pid = ?, heartbeat_ms = ?, updated_ms = ?,"
                        + " settings = ?, cancel_requested = NULL WHERE id = ?",
                RunStatus.RUNNING.label(),
                ProcessHandle.current().pid(),
                now,
                now,
                json(settings),
                runId));
    }

    public void heartbeat(String runId, long now) {
        db.write(sql -> sql.update("UPDATE loop_runs SET heartbeat_ms = ? WHERE id = ?", now, runId));
    }

    /** A heartbeat that also records how long orchestrators have driven the run ({@code activeMs}). */
    public void heartbeat(String runId, long now, long activeMs) {
        db.write(sql ->
                sql.update("UPDATE loop_runs SET heartbeat_ms = ?, active_ms = ? WHERE id = ?", now, activeMs, runId));
    }

    /** How long orchestrators have driven the run, as last recorded; 0 for an unknown run. */
    public long activeMs(String runId) {
        return db.read(sql -> sql.one("SELECT active_ms FROM loop_runs WHERE id = ?", r -> r.getLong(1), runId)
                .orElse(0L));
    }

    /**
     * Asks the run's orchestrator to stop it ({@code cfn loop cancel}): it reads the request on its
     * next heartbeat or agent start.
     *
     * @param who who asked, for the stop reason {@code cancelled by <who>}
     * @return false when the run is not running (ended, stopped, or unknown)
     */
    public boolean requestCancel(String runId, String who, long now) {
        return db.write(sql -> sql.update(
                        "UPDATE loop_runs SET cancel_requested = ?, updated_ms = ? WHERE id = ? AND status = ?",
                        who,
                        now,
                        runId,
                        RunStatus.RUNNING.label())
                == 1);
    }

    /** Who asked to cancel the run, if someone did since it was (re)started. */
    public Optional<String> cancelRequested(String runId) {
        return db.read(
                sql -> sql.one("SELECT cancel_requested FROM loop_runs WHERE id = ?", r -> r.getString(1), runId));
    }

    /**
     * Keeps what an agent ended by its run's stop had spent, with the stop's reason. It leaves no
     * result, so a resume runs it again; its spending still counts in the run's costs ({@link RunCosts}).
     */
    public void storeStop(String runId, int iteration, Phase phase, AgentResult r, String reason, long now) {
        db.write(sql -> sql.update(
                "INSERT INTO agent_stops (run_id, iteration, agent_id, agent_type, loop, reason, duration_ms,"
                        + " input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, turns, api_ms, cost_usd,"
                        + " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (run_id, iteration, agent_id, created_ms) DO NOTHING",
                runId,
                iteration,
                r.agentId(),
                r.agentType(),
                phase.label(),
                reason,
                r.duration().toMillis(),
                r.usage().inputTokens(),
                r.usage().outputTokens(),
                r.usage().cacheReadTokens(),
                r.usage().cacheWriteTokens(),
                r.usage().turns(),
                r.usage().apiMs(),
                r.usage().costUsd(),
                now));
    }

    public void startIteration(String runId, int iteration, long now) {
        db.write(sql -> {
            sql.update(
                    "INSERT INTO loop_iterations (run_id, iteration, started_ms) VALUES (?, ?, ?)"
                            + " ON CONFLICT (run_id, iteration) DO NOTHING",
                    runId,
                    iteration,
                    now);
            return sql.update(
                    "UPDATE loop_runs SET iterations = ?, updated_ms = ? WHERE id = ? AND iterations < ?",
                    iteration,
                    now,
                    runId,
                    iteration);
        });
    }

    /**
     * Stores a result unless one is already stored for its run, iteration and agent.
     *
     * @return true when this call stored it (false: a duplicate, not counted again)
     */
    public boolean storeResult(String runId, int iteration, Phase phase, AgentResult r, long now) {
        return storeResult(runId, iteration, phase, r, List.of(), now);
    }

    /**
     * As {@link #storeResult(String, int, Phase, AgentResult, long)}, with the skill versions the
     * agent was given ({@code name@version}).
     */
    public boolean storeResult(String runId, int iteration, Phase phase, AgentResult r, List<String> skills, long now) {
        return db.write(sql -> sql.update(
                        "INSERT INTO agent_results (run_id, iteration, agent_id, agent_type, loop, status, confidence,"
                                + " confidence_reason, summary, files, feedback, decision, reasoning, exit_code,"
                                + " duration_ms, input_tokens, output_tokens, created_ms, cache_read_tokens,"
                                + " cache_write_tokens, turns, api_ms, cost_usd, skills)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (run_id, iteration, agent_id) DO NOTHING",
                        runId,
                        iteration,
                        r.agentId(),
                        r.agentType(),
                        phase.label(),
                        r.status().name(),
                        r.confidence(),
                        r.confidenceReason(),
                        r.summary(),
                        json(r.files()),
                        json(r.feedback()),
                        r.decision() == null ? null : r.decision().name(),
                        r.reasoning(),
                        r.exitCode(),
                        r.duration().toMillis(),
                        r.usage().inputTokens(),
                        r.usage().outputTokens(),
                        now,
                        r.usage().cacheReadTokens(),
                        r.usage().cacheWriteTokens(),
                        r.usage().turns(),
                        r.usage().apiMs(),
                        r.usage().costUsd(),
                        json(skills))
                == 1);
    }

    /** The confidence an agent reported in an iteration, if it has a stored result there. */
    public Optional<Double> confidence(String runId, int iteration, String agentId) {
        return db.read(sql -> sql.one(
                "SELECT confidence FROM agent_results WHERE run_id = ? AND iteration = ? AND agent_id = ?",
                r -> r.getDouble(1),
                runId,
                iteration,
                agentId));
    }

    /** The skill versions ({@code name@version}) each agent of an iteration was given, by agent id. */
    public Map<String, List<String>> skillsGiven(String runId, int iteration) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        db.read(sql -> sql.query(
                "SELECT agent_id, skills FROM agent_results WHERE run_id = ? AND iteration = ?"
                        + " ORDER BY created_ms, agent_id",
                r -> out.put(r.getString(1), read(r.getString(2), new TypeReference<List<String>>() {})),
                runId,
                iteration));
        return out;
    }

    /** Keeps the run's acceptance criteria and the commit its workdir was at (null outside git). */
    public void recordStart(String runId, List<String> criteria, String startCommit) {
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET criteria = ?, start_commit = ? WHERE id = ?",
                json(criteria),
                startCommit,
                runId));
    }

    /** The run's acceptance criteria (empty for a run stored before them). */
    public List<String> criteria(String runId) {
        return db.read(sql -> sql.one("SELECT criteria FROM loop_runs WHERE id = ?", r -> r.getString(1), runId))
                .map(j -> read(j, new TypeReference<List<String>>() {}))
                .orElse(List.of());
    }

    /** The commit the run's workdir was at when it started, if it was a git work tree with a commit. */
    public Optional<String> startCommit(String runId) {
        return db.read(sql -> sql.one("SELECT start_commit FROM loop_runs WHERE id = ?", r -> r.getString(1), runId));
    }

    /** Keeps the workdir's state at an iteration's start, unless one is kept already (a resume keeps the first). */
    public void snapshotBefore(String runId, int iteration, WorkdirState state) {
        db.write(sql -> sql.update(
                "UPDATE loop_iterations SET tree_before = ?, head_before = ? WHERE run_id = ? AND iteration = ?"
                        + " AND tree_before IS NULL",
                state.tree(),
                state.head(),
                runId,
                iteration));
    }

    /** Keeps the workdir's state after an iteration's implementers (replacing one kept by an earlier try). */
    public void snapshotAfter(String runId, int iteration, WorkdirState state) {
        db.write(sql -> sql.update(
                "UPDATE loop_iterations SET tree_after = ?, head_after = ? WHERE run_id = ? AND iteration = ?",
                state.tree(),
                state.head(),
                runId,
                iteration));
    }

    /** The workdir's state at an iteration's start ({@code before}) or after its implementers. */
    public Optional<WorkdirState> snapshot(String runId, int iteration, boolean before) {
        String cols = before ? "tree_before, head_before" : "tree_after, head_after";
        return db.read(sql -> sql.one(
                        "SELECT " + cols + " FROM loop_iterations WHERE run_id = ? AND iteration = ?",
                        r -> r.getString(1) == null ? null : new WorkdirState(r.getString(1), r.getString(2)),
                        runId,
                        iteration))
                .filter(java.util.Objects::nonNull);
    }

    /** The results stored for one iteration, by agent id, in the order they were stored. */
    public Map<String, AgentResult> results(String runId, int iteration) {
        Map<String, AgentResult> out = new java.util.LinkedHashMap<>();
        for (LoopEvent.AgentFinished f : finished(runId, iteration)) {
            out.put(f.result().agentId(), f.result());
        }
        return out;
    }

    /** The results stored for one iteration with their phases, in the order they were stored. */
    public List<LoopEvent.AgentFinished> finished(String runId, int iteration) {
        return db.read(sql -> sql.query(
                "SELECT agent_id, agent_type, status, confidence, confidence_reason, summary, files, feedback,"
                        + " decision, reasoning, exit_code, duration_ms, input_tokens, output_tokens, loop,"
                        + " cache_read_tokens, cache_write_tokens, turns, api_ms, cost_usd"
                        + " FROM agent_results WHERE run_id = ? AND iteration = ? ORDER BY created_ms, agent_id",
                r -> new LoopEvent.AgentFinished(
                        runId, iteration, Phase.of("agent_results.loop", r.getString(15)), result(r)),
                runId,
                iteration));
    }

    /**
     * Stores an iteration's outcome and the decision taken on it in one transaction, so a crash
     * leaves either both (resume continues after the decision) or neither (resume re-decides).
     */
    public void finishIteration(String runId, IterationRecord it, LoopPolicy.Outcome outcome, long now) {
        db.write(sql -> {
            sql.update(
                    "UPDATE loop_iterations SET gate_score = ?, gate_passed = ?, consensus_score = ?,"
                            + " consensus_passed = ?, deliverables_ok = ?, deliverables = ?, decision = ?, reason = ?,"
                            + " feedback = ?, finished_ms = ? WHERE run_id = ? AND iteration = ?",
                    it.gateScore(),
                    it.gatePassed(),
                    it.consensusScore(),
                    it.consensusPassed(),
                    it.deliverablesOk(),
                    json(it.deliverableProblems()),
                    it.decision().name(),
                    it.reason(),
                    json(it.feedback()),
                    now,
                    runId,
                    it.iteration());
            return sql.update(
                    "INSERT INTO loop_decisions (run_id, iteration, decision, source, reason, created_ms)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    runId,
                    it.iteration(),
                    outcome.decision().name(),
                    outcome.source(),
                    outcome.reason(),
                    now);
        });
    }

    public void finish(String runId, RunStatus status, Decision decision, String reason, long now) {
        db.write(sql -> sql.update(
                "UPDATE loop_runs SET status = ?, final_decision = ?, exit_reason = ?, finished_ms = ?,"
                        + " updated_ms = ?, owner_pid = NULL WHERE id = ?",
                status.label(),
                decision.name(),
                reason,
                now,
                now,
                runId));
    }

    /**
     * Stops a running run on purpose (a budget reached, a cancel): {@link RunStatus#STOPPED} with the
     * reason, no owner; {@code cfn loop resume} continues it.
     *
     * @return false when the run was not running (ended, stopped already, or unknown)
     */
    public boolean stop(String runId, String reason, long now) {
        return db.write(sql -> sql.update(
                        "UPDATE loop_runs SET status = ?, exit_reason = ?, updated_ms = ?, owner_pid = NULL"
                                + " WHERE id = ? AND status = ?",
                        RunStatus.STOPPED.label(),
                        reason,
                        now,
                        runId,
                        RunStatus.RUNNING.label())
                == 1);
    }

    /**
     * Keeps {@code session} as the latest of the run's agent slot {@code slot} (e.g. {@code coder-1}),
     * replacing the one before.
     */
    public void saveSession(String runId, String slot, AgentSession session, long now) {
        db.write(sql -> sql.update(
                "INSERT INTO agent_sessions (run_id, slot, session_id, workdir, updated_ms) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (run_id, slot) DO UPDATE SET session_id = EXCLUDED.session_id,"
                        + " workdir = EXCLUDED.workdir, updated_ms = EXCLUDED.updated_ms",
                runId,
                slot,
                session.sessionId(),
                session.workdir().toString(),
                now));
    }

    /** The latest session of the run's agent slot {@code slot}, if it has one. */
    public Optional<AgentSession> session(String runId, String slot) {
        return db.read(sql -> sql.one(
                "SELECT session_id, workdir FROM agent_sessions WHERE run_id = ? AND slot = ?",
                r -> new AgentSession(r.getString(1), java.nio.file.Path.of(r.getString(2))),
                runId,
                slot));
    }

    /** Appends an event to the run's stored history under {@code seq} (see {@link EventLog}). */
    public void appendEvent(String runId, long seq, LoopEvent event, long now) {
        db.write(sql -> sql.update(
                "INSERT INTO loop_events (run_id, seq, name, data, created_ms) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (run_id, seq) DO NOTHING",
                runId,
                seq,
                event.name(),
                json(event.data()),
                now));
    }

    /** The number of the run's last stored event, 0 when it has none. */
    public long lastEventSeq(String runId) {
        return db.read(sql -> sql.one("SELECT MAX(seq) FROM loop_events WHERE run_id = ?", r -> r.getLong(1), runId)
                .orElse(0L));
    }

    /** The run's stored history, in order: wire names and fields as listeners were told them. */
    public List<StoredEvent> events(String runId) {
        return db.read(sql -> sql.query(
                "SELECT seq, name, data FROM loop_events WHERE run_id = ? ORDER BY seq",
                r -> new StoredEvent(
                        r.getLong(1),
                        r.getString(2),
                        read(r.getString(3), new TypeReference<Map<String, Object>>() {})),
                runId));
    }

    /** One stored event: its number in the run, its wire name and its fields. */
    public record StoredEvent(long seq, String name, Map<String, Object> data) {}

    public Optional<RunRecord> run(String runId) {
        return db.read(sql -> sql.one(RunRecord.SELECT + " WHERE id = ?", RunRecord::of, runId));
    }

    public List<RunRecord> list(int limit) {
        return db.read(sql ->
                sql.query(RunRecord.SELECT + " ORDER BY created_ms DESC, id DESC LIMIT ?", RunRecord::of, limit));
    }

    /**
     * The report of a stored run, finished or not (then its duration runs to {@code nowMs}).
     *
     * @throws dev.cfn.NotFoundException if no such run exists
     */
    public RunReport report(String runId, long nowMs) {
        RunRecord run =
                run(runId).orElseThrow(() -> new dev.cfn.NotFoundException("run '" + runId + "' does not exist"));
        long end = run.finishedMs() != null ? run.finishedMs() : nowMs;
        Map<Integer, Usage> spent = costs().byIteration(runId);
        return new RunReport(
                run.id(),
                run.task(),
                run.status(),
                run.iterations(),
                run.finalDecision(),
                run.exitReason(),
                iterations(runId),
                end - run.createdMs(),
                spent.values().stream().reduce(Usage.ZERO, Usage::plus),
                spent);
    }

    public List<IterationRecord> iterations(String runId) {
        return db.read(sql ->
                sql.query(IterationRecord.SELECT + " WHERE run_id = ? ORDER BY iteration", IterationRecord::of, runId));
    }

    static AgentResult result(ResultSet r) throws SQLException {
        return AgentResult.builder(r.getString(1), r.getString(2))
                .status(AgentResult.Status.valueOf(r.getString(3)))
                .confidence(r.getDouble(4), r.getString(5))
                .summary(r.getString(6))
                .files(read(r.getString(7), new TypeReference<List<String>>() {}))
                .feedback(read(r.getString(8), new TypeReference<List<Feedback>>() {}))
                .decision(decision("agent_results.decision", r.getString(9)), r.getString(10))
                .exitCode(r.getInt(11))
                .duration(Duration.ofMillis(r.getLong(12)))
                .usage(new Usage(
                        r.getLong(13),
                        r.getLong(14),
                        r.getLong(16),
                        r.getLong(17),
                        r.getInt(18),
                        r.getLong(19),
                        r.getDouble(20)))
                .build();
    }

    /** A stored decision column: null stays null. */
    static Decision decision(String column, String value) {
        return value == null ? null : Decision.parse(column, value);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CfnException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "null" : json, type);
        } catch (JsonProcessingException e) {
            throw new CfnException("stored loop data is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The ids of runs last touched before {@code cutoffMs} (ended, stopped, or "running" with no
     * heartbeat since: their orchestrator is long gone), oldest first: what {@code cfn loop prune} may
     * remove. A run driven now keeps a fresh heartbeat and is never listed.
     */
    public List<String> untouchedSince(long cutoffMs, long now) {
        return db.read(sql -> sql.query(
                "SELECT id FROM loop_runs WHERE COALESCE(heartbeat_ms, 0) < ? AND updated_ms < ?"
                        + " AND COALESCE(finished_ms, 0) < ? AND NOT (status = ? AND COALESCE(heartbeat_ms, 0) >= ?)"
                        + " ORDER BY created_ms, id",
                r -> r.getString(1),
                cutoffMs,
                cutoffMs,
                cutoffMs,
                RunStatus.RUNNING.label(),
                now - RunHeartbeat.STALE_MS));
    }

    /** Whether a run with this id is stored. */
    public boolean exists(String runId) {
        return db.read(sql -> sql.count("SELECT COUNT(*) FROM loop_runs WHERE id = ?", runId)) > 0;
    }

    /**
     * Deletes the runs and every row that belongs to them (iterations, results, decisions, events,
     * sessions, stops) in one transaction.
     *
     * @return the runs deleted
     */
    public int delete(List<String> runIds) {
        return db.write(sql -> {
            int n = 0;
            for (String id : runIds) {
                for (String table : List.of(
                        "agent_stops",
                        "agent_sessions",
                        "loop_events",
                        "loop_decisions",
                        "agent_results",
                        "loop_iterations")) {
                    sql.update("DELETE FROM " + table + " WHERE run_id = ?", id);
                }
                n += sql.update("DELETE FROM loop_runs WHERE id = ?", id);
            }
            return n;
        });
    }
}
