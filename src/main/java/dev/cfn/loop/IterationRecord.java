package dev.cfn.loop;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cfn.agents.Feedback;
import dev.cfn.protocol.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** One iteration's figures as stored: gate, consensus, deliverables, decision and feedback. */
public record IterationRecord(
        int iteration,
        Double gateScore,
        Boolean gatePassed,
        Double consensusScore,
        Boolean consensusPassed,
        Boolean deliverablesOk,
        List<String> deliverableProblems,
        Decision decision,
        String reason,
        List<Feedback> feedback) {
    static final String SELECT = "SELECT iteration, gate_score, gate_passed, consensus_score, consensus_passed,"
            + " deliverables_ok, deliverables, decision, reason, feedback FROM loop_iterations";

    public IterationRecord {
        deliverableProblems = deliverableProblems == null ? List.of() : List.copyOf(deliverableProblems);
        feedback = feedback == null ? List.of() : List.copyOf(feedback);
    }

    static IterationRecord of(ResultSet r) throws SQLException {
        return new IterationRecord(
                r.getInt(1),
                dbl(r, 2),
                bool(r, 3),
                dbl(r, 4),
                bool(r, 5),
                bool(r, 6),
                RunStore.read(r.getString(7), new TypeReference<List<String>>() {}),
                RunStore.decision("loop_iterations.decision", r.getString(8)),
                r.getString(9),
                RunStore.read(r.getString(10), new TypeReference<List<Feedback>>() {}));
    }

    private static Double dbl(ResultSet r, int c) throws SQLException {
        double v = r.getDouble(c);
        return r.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet r, int c) throws SQLException {
        int v = r.getInt(c);
        return r.wasNull() ? null : v == 1;
    }
}
