package dev.cfn.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cfn.ConflictException;
import dev.cfn.protocol.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** A stored run: its settings and baseline, status, and how it ended. */
public record RunRecord(
        String id,
        String task,
        String mode,
        LoopSettings settings,
        Map<String, String> baseline,
        RunStatus status,
        int iterations,
        Decision finalDecision,
        String exitReason,
        Long ownerPid,
        Long heartbeatMs,
        long createdMs,
        Long finishedMs) {
    static final String SELECT = "SELECT id, task, mode, settings, baseline, status, iterations, final_decision,"
            + " exit_reason, owner_pid, heartbeat_ms, created_ms, finished_ms FROM loop_runs";

    static RunRecord of(ResultSet r) throws SQLException {
        return new RunRecord(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                RunStore.read(r.getString(4), new TypeReference<LoopSettings>() {}),
                RunStore.read(r.getString(5), new TypeReference<Map<String, String>>() {}),
                RunStatus.of(r.getString(6)),
                r.getInt(7),
                RunStore.decision("loop_runs.final_decision", r.getString(8)),
                r.getString(9),
                (Long) nullableLong(r, 10),
                (Long) nullableLong(r, 11),
                r.getLong(12),
                (Long) nullableLong(r, 13));
    }

    static Object nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    public boolean running() {
        return status == RunStatus.RUNNING;
    }

    /**
     * Fails unless the run can be resumed (it is running with its orchestrator gone, or stopped).
     *
     * @throws ConflictException if it already ended
     */
    public void requireResumable() {
        if (!status.resumable()) {
            throw new ConflictException("run '" + id + "' already ended (" + status + "): nothing to resume");
        }
    }
}
