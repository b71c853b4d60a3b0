package dev.cfn.loop;

import dev.cfn.CfnException;

/**
 * Where a run stands. {@link #RUNNING} and {@link #STOPPED} runs can be resumed; the others ended.
 * The label is the stored and printed form.
 */
public enum RunStatus {
    /** Being driven, or orphaned by an orchestrator that died (then {@code cfn loop resume}). */
    RUNNING("running"),
    /** The product owner (or the policy) decided PROCEED. */
    SUCCESS("success"),
    /** The product owner decided ABORT. */
    ABORTED("aborted"),
    /** The iteration budget was spent without a PROCEED. */
    FAILED("failed"),
    /** Stopped on purpose before its end (a budget reached, a cancel): resumable, with the stored reason. */
    STOPPED("stopped");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether {@code cfn loop resume} may continue a run in this status. */
    public boolean resumable() {
        return this == RUNNING || this == STOPPED;
    }

    /**
     * The status stored as {@code label}.
     *
     * @throws CfnException if the stored text is no status (a database written by something else)
     */
    public static RunStatus of(String label) {
        for (RunStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new CfnException("stored run status '" + label + "' is unknown");
    }

    @Override
    public String toString() {
        return label;
    }
}
