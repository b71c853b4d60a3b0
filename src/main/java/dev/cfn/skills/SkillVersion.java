package dev.cfn.skills;

import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;
import dev.cfn.skills.file.SemVer;
import java.util.Objects;

/**
 * One immutable version of a skill: its exact content and SHA-256, plus where it stands in the
 * approval workflow.
 */
public record SkillVersion(
        long id,
        long skillId,
        String skillName,
        SemVer version,
        String content,
        String contentHash,
        String frontMatterJson,
        String sourcePath,
        Category category,
        ApprovalLevel approvalLevel,
        VersionState state,
        long createdMs) {
    public SkillVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(state, "state");
    }
}
