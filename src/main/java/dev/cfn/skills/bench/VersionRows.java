package dev.cfn.skills.bench;

import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;
import dev.cfn.store.Sql;
import java.sql.SQLException;
import java.util.Random;

/**
 * The versions and decisions of generated skills, batched: every skill gets an approved, deployed
 * 1.0.0; one in twenty also an earlier rejected 0.9.0; one in five of those needing review a
 * 1.1.0 still waiting (escalated for infrastructure, pending for domain).
 */
final class VersionRows {
    private static final String INSERT_VERSION = "INSERT INTO skill_versions (id, skill_id, version, major, minor,"
            + " patch, content, content_hash, front_matter, source_path, category, approval_level, state,"
            + " created_ms, decided_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DECISION = "INSERT INTO approval_history (skill_id, version_id, version,"
            + " approval_level, approver, decision, reasoning, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String POINT = "UPDATE skills SET latest_version_id = ?, deployed_version_id = ? WHERE id = ?";

    private final Sql sql;
    private final long nowMs;
    private long nextId = 1;

    VersionRows(Sql sql, long nowMs) {
        this.sql = sql;
        this.nowMs = nowMs;
    }

    /** Adds the versions of one skill (its row must be inserted before {@link #flush}). */
    void add(long skillId, String name, Category category, long createdMs, Random random) throws SQLException {
        ApprovalLevel level = category.approvalLevel();
        if (random.nextInt(20) == 0) {
            long id = version(skillId, name, category, 0, 9, "rejected", createdMs, createdMs + BenchData.DAY_MS);
            decision(skillId, id, "0.9.0", level, "reviewer-1", "rejected", createdMs + BenchData.DAY_MS);
        }
        long released = createdMs + 7 * BenchData.DAY_MS;
        long decided = level == ApprovalLevel.AUTO ? released : released + (1 + random.nextInt(10)) * BenchData.DAY_MS;
        long deployed = version(skillId, name, category, 1, 0, "approved", released, decided);
        decision(
                skillId,
                deployed,
                "1.0.0",
                level,
                level == ApprovalLevel.AUTO ? "system" : "reviewer-" + random.nextInt(5),
                "approved",
                decided);
        long latest = deployed;
        if (level != ApprovalLevel.AUTO && random.nextInt(5) == 0) {
            boolean escalate = level == ApprovalLevel.ESCALATE;
            long waiting = nowMs - (1 + random.nextInt(20)) * BenchData.DAY_MS;
            latest = version(skillId, name, category, 1, 1, escalate ? "escalated" : "pending", waiting, null);
            if (escalate) {
                decision(skillId, latest, "1.1.0", level, "system", "escalated", waiting);
            }
        }
        sql.addBatch(POINT, latest, deployed, skillId);
    }

    private long version(
            long skillId,
            String name,
            Category category,
            int major,
            int minor,
            String state,
            long created,
            Long decided)
            throws SQLException {
        String version = major + "." + minor + ".0";
        String content = SkillText.of(name, version, category, (int) skillId + minor);
        long id = nextId++;
        sql.addBatch(
                INSERT_VERSION,
                id,
                skillId,
                version,
                major,
                minor,
                0,
                content,
                BenchData.sha256(content),
                BenchData.frontMatterJson(name, version, category),
                "generated/" + name + "/SKILL.md",
                category.label(),
                category.approvalLevel().label(),
                state,
                created,
                decided);
        return id;
    }

    private void decision(
            long skillId,
            long versionId,
            String version,
            ApprovalLevel level,
            String approver,
            String decision,
            long at)
            throws SQLException {
        sql.addBatch(
                INSERT_DECISION,
                skillId,
                versionId,
                version,
                level.label(),
                approver,
                decision,
                "generated " + decision,
                at);
    }

    /** Runs the batches in the order the foreign keys need. */
    void flush() throws SQLException {
        sql.executeBatch(INSERT_VERSION);
        sql.executeBatch(INSERT_DECISION);
        sql.executeBatch(POINT);
    }
}
