package dev.cfn.skills;

import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;

/** A version waiting for a reviewer, with how long it has waited. */
public record PendingVersion(
        String skill, String version, Category category, ApprovalLevel level, VersionState state, long createdMs) {}
