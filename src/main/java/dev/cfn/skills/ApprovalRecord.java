package dev.cfn.skills;

import dev.cfn.skills.file.ApprovalLevel;

/** One row of a skill's approval history. */
public record ApprovalRecord(
        String skill,
        String version,
        ApprovalLevel level,
        String approver,
        ApprovalDecision decision,
        String reasoning,
        long createdMs) {}
