package dev.cfn.skills.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.json.Json;
import dev.cfn.skills.file.Category;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.Database;
import dev.cfn.store.Sql;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills an empty registry with generated skills, versions, decisions, mappings and usage rows, in
 * one transaction of batched inserts (1,000 skills and 50,000 usage rows take well under a
 * second). Deterministic for a given seed, so runs compare like with like.
 */
public final class BenchData {
    static final long DAY_MS = 86_400_000L;
    private static final int BATCH = 1000;
    private static final List<Category> CATEGORIES = List.of(Category.values());
    private static final String INSERT_SKILL = "INSERT INTO skills (id, name, category, approval_level, status, team,"
            + " owner, created_ms, updated_ms) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)";

    private final DataShape shape;
    private final long nowMs;
    private final Random random;

    public BenchData(DataShape shape, long nowMs, long seed) {
        this.shape = shape;
        this.nowMs = nowMs;
        this.random = new Random(seed);
    }

    /** The category of the i-th skill: the five categories in turn. */
    public static Category category(int i) {
        return CATEGORIES.get(i % CATEGORIES.size());
    }

    /** Writes everything in one transaction and bumps the change epochs once. */
    public void populate(Database db) {
        db.write(sql -> {
            insertSkills(sql);
            insertMappings(sql);
            insertUsage(sql);
            ChangeEpochs.bump(sql, ChangeEpochs.SKILLS);
            ChangeEpochs.bump(sql, ChangeEpochs.USAGE);
            return null;
        });
    }

    private void insertSkills(Sql sql) throws SQLException {
        VersionRows versions = new VersionRows(sql, nowMs);
        for (int i = 0; i < shape.skills(); i++) {
            String name = DataShape.skillName(i);
            Category category = category(i);
            long created = nowMs - (30 + random.nextInt(60)) * DAY_MS;
            sql.addBatch(
                    INSERT_SKILL,
                    i + 1,
                    name,
                    category.label(),
                    category.approvalLevel().label(),
                    "team-" + Math.floorMod(name.hashCode(), 12),
                    "owner-" + Math.floorMod(name.hashCode(), 40) + "@example.com",
                    created,
                    created);
            versions.add(i + 1, name, category, created, random);
            if ((i + 1) % BATCH == 0) {
                flushSkills(sql, versions);
            }
        }
        flushSkills(sql, versions);
    }

    private static void flushSkills(Sql sql, VersionRows versions) throws SQLException {
        sql.executeBatch(INSERT_SKILL);
        versions.flush();
    }

    private void insertMappings(Sql sql) throws SQLException {
        String insert = "INSERT INTO agent_skill_mappings (agent_type, skill_id, priority, required, enabled,"
                + " conditions, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        int n = 0;
        for (int a = 0; a < shape.agentTypes(); a++) {
            for (int k = 0; k < shape.mappingsPerAgentType(); k++) {
                double roll = random.nextDouble();
                String conditions = roll < 0.15
                        ? "{\"phase\":[\"loop3\"]}"
                        : roll < 0.3 ? "{\"keywords\":[\"api\",\"tests\"]}" : null;
                sql.addBatch(
                        insert,
                        DataShape.agentType(a),
                        shape.mappedSkill(a, k) + 1,
                        1 + random.nextInt(10),
                        random.nextDouble() < 0.2,
                        random.nextDouble() < 0.95,
                        conditions,
                        nowMs,
                        nowMs);
                if (++n % BATCH == 0) {
                    sql.executeBatch(insert);
                }
            }
        }
        sql.executeBatch(insert);
    }

    private void insertUsage(Sql sql) throws SQLException {
        String insert = "INSERT INTO skill_usage_log (agent_id, agent_type, skill_id, skill_version, task_id, phase,"
                + " exit_code, duration_ms, confidence_before, confidence_after, created_ms)"
                + " VALUES (?, ?, ?, '1.0.0', ?, ?, ?, ?, ?, ?, ?)";
        long start = nowMs - 60 * DAY_MS;
        long step = Math.max(1, 60 * DAY_MS / Math.max(1, shape.usageRows()));
        for (int r = 0; r < shape.usageRows(); r++) {
            int agentType = random.nextInt(shape.agentTypes());
            double before = 0.5 + random.nextDouble() * 0.3;
            double after = Math.min(1.0, before - 0.05 + random.nextDouble() * 0.3);
            sql.addBatch(
                    insert,
                    DataShape.agentType(agentType) + "-" + random.nextInt(8),
                    DataShape.agentType(agentType),
                    random.nextInt(shape.skills()) + 1,
                    "task-" + r / 5,
                    "loop" + (1 + random.nextInt(4)),
                    random.nextDouble() < 0.9 ? 0 : 1,
                    100 + random.nextInt(60_000),
                    before,
                    after,
                    start + r * step);
            if ((r + 1) % BATCH == 0) {
                sql.executeBatch(insert);
            }
        }
        sql.executeBatch(insert);
    }

    static String frontMatterJson(String name, String version, Category category) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("name", name);
        front.put("description", "Generated benchmark skill " + name + " for " + category.label() + " work");
        front.put("version", version);
        front.put("category", category.label());
        front.put("tags", List.of("bench", category.label(), "generated"));
        try {
            return Json.mapper().writeValueAsString(front);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return dev.cfn.store.Sha256.hex(text);
    }
}
