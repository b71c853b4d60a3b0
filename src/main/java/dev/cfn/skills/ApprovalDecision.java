package dev.cfn.skills;

import java.util.Locale;

/** A reviewer's decision on one version, as stored in approval_history. */
public enum ApprovalDecision {
    APPROVED,
    REJECTED,
    ESCALATED,
    NEEDS_CORRECTION;

    /** The state a version is in after this decision. */
    public VersionState resultingState() {
        return switch (this) {
            case APPROVED -> VersionState.APPROVED;
            case REJECTED -> VersionState.REJECTED;
            case ESCALATED -> VersionState.ESCALATED;
            case NEEDS_CORRECTION -> VersionState.NEEDS_CORRECTION;
        };
    }

    public static ApprovalDecision fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
