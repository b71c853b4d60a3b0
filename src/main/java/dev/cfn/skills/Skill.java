package dev.cfn.skills;

import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;
import java.util.Objects;

/**
 * A skill as the registry holds it: identity, category, status and its latest and deployed
 * versions (null when none is deployed yet).
 */
public record Skill(
        long id,
        String name,
        Category category,
        ApprovalLevel approvalLevel,
        SkillStatus status,
        String team,
        String owner,
        String latestVersion,
        String deployedVersion,
        String replacement,
        String deprecationNote,
        long createdMs,
        long updatedMs) {
    public Skill {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(approvalLevel, "approvalLevel");
        Objects.requireNonNull(status, "status");
    }
}
