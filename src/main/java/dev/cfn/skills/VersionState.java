package dev.cfn.skills;

import java.util.Locale;

/** Where a version stands in the approval workflow. */
public enum VersionState {
    PENDING,
    ESCALATED,
    NEEDS_CORRECTION,
    APPROVED,
    REJECTED;

    public static VersionState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Still waiting for a reviewer's decision. */
    public boolean awaitsDecision() {
        return this == PENDING || this == ESCALATED || this == NEEDS_CORRECTION;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
