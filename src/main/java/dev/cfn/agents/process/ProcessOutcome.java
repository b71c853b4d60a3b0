package dev.cfn.agents.process;

import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.Quantities;
import java.time.Duration;

/**
 * How one agent process ended, before its output is interpreted.
 *
 * @param exitCode the exit code, or -1 when it was killed for its timeout, by an interrupt or by
 *     its follower
 * @param stdout the end of its stdout (at most {@link AgentFiles#MAX_READ} bytes); empty for a
 *     followed process (its follower read it)
 * @param lastLogLine the last line of its stderr log, or null
 * @param stopReason why its stdout follower ended it ({@link Launch.LineFollower}), or null
 * @param outOfMemoryKill its container's engine killed it for exceeding its memory limit (exit 137)
 */
public record ProcessOutcome(
        int exitCode,
        boolean timedOut,
        boolean interrupted,
        boolean memoryExceeded,
        Duration duration,
        String stdout,
        String lastLogLine,
        String stopReason,
        boolean outOfMemoryKill) {

    /** An outcome whose exit is not an engine's out-of-memory kill. */
    public ProcessOutcome(
            int exitCode,
            boolean timedOut,
            boolean interrupted,
            boolean memoryExceeded,
            Duration duration,
            String stdout,
            String lastLogLine,
            String stopReason) {
        this(exitCode, timedOut, interrupted, memoryExceeded, duration, stdout, lastLogLine, stopReason, false);
    }

    /** Why the run failed, or null when it exited 0. */
    public String failure(AgentInvocation invocation) {
        if (stopReason != null) {
            return stopReason;
        }
        if (timedOut) {
            return "timed out after " + Quantities.format(invocation.timeout());
        }
        if (interrupted) {
            return "interrupted: cfn is stopping";
        }
        if (exitCode == 0) {
            return null;
        }
        if (outOfMemoryKill) {
            return "killed: out of memory (limit " + invocation.definition().memory() + ")";
        }
        String why = "exited with code " + exitCode;
        if (memoryExceeded) {
            why += " (memory limit " + invocation.definition().memory() + " exceeded)";
        }
        return lastLogLine == null ? why : why + ": " + lastLogLine;
    }
}
