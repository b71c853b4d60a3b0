package dev.cfn.skills;

import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;

/**
 * A version waiting for a reviewer, with how long it has waited.
 *
 * @param origin where it came from (an update, a run's reflection), or null for a propose or import
 */
public record PendingVersion(
        String skill,
        String version,
        Category category,
        ApprovalLevel level,
        VersionState state,
        long createdMs,
        SkillOrigin origin) {}
