package dev.cfn.skills;

/** One row of a skill's approval history. */
public record ApprovalRecord(
        String skill,
        String version,
        ApprovalLevel level,
        String approver,
        Decision decision,
        String reasoning,
        long createdMs) {}
