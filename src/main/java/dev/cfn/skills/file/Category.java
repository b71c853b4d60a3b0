package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.util.Locale;

/** What a skill is about; it decides the approval level a new version needs. */
public enum Category {
    COORDINATION,
    FOUNDATION,
    TESTING,
    INFRASTRUCTURE,
    DOMAIN;

    public static Category parse(String text) {
        for (Category c : values()) {
            if (c.label().equals(text)) {
                return c;
            }
        }
        throw new InvalidInputException(
                "category must be one of coordination, foundation, testing, infrastructure, domain, but was '" + text
                        + "'");
    }

    /** The seed's routing: coordination, foundation, testing approve themselves. */
    public ApprovalLevel approvalLevel() {
        return switch (this) {
            case COORDINATION, FOUNDATION, TESTING -> ApprovalLevel.AUTO;
            case INFRASTRUCTURE -> ApprovalLevel.ESCALATE;
            case DOMAIN -> ApprovalLevel.HUMAN;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
