package dev.cfn.skills.file;

import java.util.Locale;

/** Who must approve a version: nobody (auto), an expert (escalate) or a human reviewer. */
public enum ApprovalLevel {
    AUTO,
    ESCALATE,
    HUMAN;

    public static ApprovalLevel fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
