package dev.cfn.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.json.Json;
import dev.cfn.json.JsonReader;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.Category;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.store.Dialect;
import dev.cfn.store.RowMapper;
import dev.cfn.store.Sql;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's SQL, the same text on SQLite and PostgreSQL. Every method runs on the {@link Sql}
 * of the caller's transaction; the registry decides, this class only reads and writes rows.
 */
public final class JdbcSkillStore {
    /** Parsed mapping conditions by their JSON: few distinct texts exist and the values are immutable. */
    private static final Map<String, Mapping.Conditions> PARSED_CONDITIONS = new ConcurrentHashMap<>();

    private static final int MAX_PARSED_CONDITIONS = 4096;
    /** Bounds the distinct IN-list statements each connection caches. */
    private static final int TEXTS_PER_QUERY = 32;

    private static final String SKILL_COLUMNS = "s.id, s.name, s.category, s.approval_level, s.status, s.team, s.owner,"
            + " lv.version, dv.version, r.name, s.deprecation_note, s.created_ms, s.updated_ms";
    private static final String SKILL_FROM = " FROM skills s"
            + " LEFT JOIN skill_versions lv ON lv.id = s.latest_version_id"
            + " LEFT JOIN skill_versions dv ON dv.id = s.deployed_version_id"
            + " LEFT JOIN skills r ON r.id = s.replacement_id";
    private static final String VERSION_COLUMNS = "v.id, v.skill_id, s.name, v.version, v.content, v.content_hash,"
            + " v.front_matter, v.source_path, v.category, v.approval_level, v.state, v.created_ms";

    static final RowMapper<Skill> SKILL = row -> new Skill(
            row.getLong(1),
            Sql.text(row, 2),
            Category.parse(Sql.text(row, 3)),
            ApprovalLevel.fromLabel(Sql.text(row, 4)),
            SkillStatus.fromLabel(Sql.text(row, 5)),
            Sql.text(row, 6),
            Sql.text(row, 7),
            Sql.text(row, 8),
            Sql.text(row, 9),
            Sql.text(row, 10),
            Sql.text(row, 11),
            row.getLong(12),
            row.getLong(13));

    static final RowMapper<SkillVersion> VERSION = row -> new SkillVersion(
            row.getLong(1),
            row.getLong(2),
            Sql.text(row, 3),
            SemVer.parse(Sql.text(row, 4)),
            Sql.text(row, 5),
            Sql.text(row, 6),
            Sql.text(row, 7),
            Sql.text(row, 8),
            Category.parse(Sql.text(row, 9)),
            ApprovalLevel.fromLabel(Sql.text(row, 10)),
            VersionState.fromLabel(Sql.text(row, 11)),
            row.getLong(12));

    public Optional<Skill> skill(Sql sql, String name) throws SQLException {
        return sql.one("SELECT " + SKILL_COLUMNS + SKILL_FROM + " WHERE s.name = ?", SKILL, name);
    }

    /**
     * The skill, its row locked until the transaction ends, so registry writes to one skill run one
     * after another and each sees what the previous committed: {@code FOR UPDATE} on PostgreSQL; on
     * SQLite a plain read, its {@code BEGIN IMMEDIATE} already serialises writers.
     */
    public Optional<Skill> skillForUpdate(Sql sql, Dialect dialect, String name) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return skill(sql, name);
        }
        return sql.one("SELECT " + SKILL_COLUMNS + SKILL_FROM + " WHERE s.name = ? FOR UPDATE OF s", SKILL, name);
    }

    public List<Skill> skills(Sql sql, SkillStatus status, String agentType, boolean pendingOnly) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            where.append(" AND s.status = ?");
            params.add(status.label());
        }
        if (agentType != null) {
            where.append(" AND s.id IN (SELECT m.skill_id FROM agent_skill_mappings m WHERE m.agent_type = ?)");
            params.add(agentType);
        }
        if (pendingOnly) {
            where.append(" AND s.id IN (SELECT pv.skill_id FROM skill_versions pv"
                    + " WHERE pv.state IN ('pending', 'escalated', 'needs_correction'))");
        }
        return sql.query("SELECT " + SKILL_COLUMNS + SKILL_FROM + where + " ORDER BY s.name", SKILL, params.toArray());
    }

    public Optional<SkillVersion> version(Sql sql, long skillId, SemVer version) throws SQLException {
        return sql.one(
                "SELECT " + VERSION_COLUMNS + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                        + " WHERE v.skill_id = ? AND v.major = ? AND v.minor = ? AND v.patch = ?",
                VERSION,
                skillId,
                version.major(),
                version.minor(),
                version.patch());
    }

    public Optional<SkillVersion> latestVersion(Sql sql, long skillId) throws SQLException {
        return sql.one(
                "SELECT " + VERSION_COLUMNS + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                        + " WHERE v.skill_id = ? ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1",
                VERSION,
                skillId);
    }

    public Optional<SkillVersion> deployedVersion(Sql sql, long skillId) throws SQLException {
        return sql.one(
                "SELECT " + VERSION_COLUMNS + " FROM skills s JOIN skill_versions v ON v.id = s.deployed_version_id"
                        + " WHERE s.id = ?",
                VERSION,
                skillId);
    }

    /** The newest version in the given state, or empty. */
    public Optional<SkillVersion> newestInState(Sql sql, long skillId, VersionState... states) throws SQLException {
        StringBuilder in = new StringBuilder();
        Object[] params = new Object[states.length + 1];
        params[0] = skillId;
        for (int i = 0; i < states.length; i++) {
            in.append(i == 0 ? "?" : ", ?");
            params[i + 1] = states[i].label();
        }
        return sql.one(
                "SELECT " + VERSION_COLUMNS + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                        + " WHERE v.skill_id = ? AND v.state IN (" + in
                        + ") ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1",
                VERSION,
                params);
    }

    public List<SkillVersion> versions(Sql sql, long skillId) throws SQLException {
        return sql.query(
                "SELECT " + VERSION_COLUMNS + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                        + " WHERE v.skill_id = ? ORDER BY v.major, v.minor, v.patch",
                VERSION,
                skillId);
    }

    public List<ApprovalRecord> history(Sql sql, long skillId) throws SQLException {
        return sql.query(
                "SELECT s.name, h.version, h.approval_level, h.approver, h.decision, h.reasoning, h.created_ms"
                        + " FROM approval_history h JOIN skills s ON s.id = h.skill_id"
                        + " WHERE h.skill_id = ? ORDER BY h.created_ms, h.id",
                row -> new ApprovalRecord(
                        row.getString(1),
                        row.getString(2),
                        ApprovalLevel.fromLabel(row.getString(3)),
                        row.getString(4),
                        ApprovalDecision.fromLabel(row.getString(5)),
                        row.getString(6),
                        row.getLong(7)),
                skillId);
    }

    public List<PendingVersion> pending(Sql sql) throws SQLException {
        return sql.query(
                "SELECT s.name, v.version, v.category, v.approval_level, v.state, v.created_ms, v.origin,"
                        + " v.origin_run FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                        + " WHERE v.state IN ('pending', 'escalated', 'needs_correction') AND s.status <> 'archived'"
                        + " ORDER BY v.created_ms, v.id",
                row -> new PendingVersion(
                        row.getString(1),
                        row.getString(2),
                        Category.parse(row.getString(3)),
                        ApprovalLevel.fromLabel(row.getString(4)),
                        VersionState.fromLabel(row.getString(5)),
                        row.getLong(6),
                        row.getString(7) == null ? null : new SkillOrigin(row.getString(7), row.getString(8))));
    }

    public List<Mapping> mappings(Sql sql, long skillId) throws SQLException {
        return sql.query(
                "SELECT m.agent_type, s.name, m.priority, m.required, m.enabled, m.conditions, pv.version"
                        + " FROM agent_skill_mappings m JOIN skills s ON s.id = m.skill_id"
                        + " LEFT JOIN skill_versions pv ON pv.id = m.pinned_version_id"
                        + " WHERE m.skill_id = ? ORDER BY m.agent_type",
                JdbcSkillStore::mapping,
                skillId);
    }

    /**
     * The enabled mappings of an agent type to active skills with a deployed (or pinned) version,
     * required first, then priority 1..10, then name (sorted here: an ORDER BY made SQLite copy
     * every row through a temporary B-tree). Each names its version by id only: the version's
     * number, hash and content never change, so they come from {@link #versionTexts} and callers
     * may keep them. Conditions are filtered by the caller.
     */
    public List<LoadCandidate> loadCandidates(Sql sql, String agentType) throws SQLException {
        List<LoadCandidate> candidates = sql.query(
                "SELECT s.name, COALESCE(m.pinned_version_id, s.deployed_version_id), m.priority, m.required,"
                        + " m.conditions FROM agent_skill_mappings m JOIN skills s ON s.id = m.skill_id"
                        + " WHERE m.agent_type = ? AND m.enabled = 1 AND s.status = 'active'"
                        + " AND COALESCE(m.pinned_version_id, s.deployed_version_id) IS NOT NULL",
                row -> new LoadCandidate(
                        Sql.text(row, 1),
                        row.getLong(2),
                        row.getInt(3),
                        row.getInt(4) == 1,
                        conditions(Sql.text(row, 5))),
                agentType);
        candidates.sort(JdbcSkillStore::loadOrder);
        return candidates;
    }

    /**
     * Required first, then by priority, then by name. Written out: Comparator.comparing's lambdas
     * live in the JDK's Comparator, which the AOT cache does not hold, so building that chain spun
     * three classes (~3 ms) at every start.
     */
    private static int loadOrder(LoadCandidate a, LoadCandidate b) {
        if (a.required() != b.required()) {
            return a.required() ? -1 : 1;
        }
        int byPriority = Integer.compare(a.priority(), b.priority());
        return byPriority != 0 ? byPriority : a.name().compareTo(b.name());
    }

    /** A mapped skill before its conditions are applied and its version's text is attached. */
    public record LoadCandidate(
            String name, long versionId, int priority, boolean required, Mapping.Conditions conditions) {}

    /** What never changes about a version (skill_versions rows are immutable): number, hash, content. */
    public record VersionText(String version, String contentHash, String content) {}

    /** The texts of the given versions by id; an id without a row is absent from the result. */
    public Map<Long, VersionText> versionTexts(Sql sql, List<Long> ids) throws SQLException {
        Map<Long, VersionText> texts = new HashMap<>();
        for (int from = 0; from < ids.size(); from += TEXTS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + TEXTS_PER_QUERY));
            String in = "?, ".repeat(chunk.size() - 1) + "?";
            for (Map.Entry<Long, VersionText> text : sql.query(
                    "SELECT id, version, content_hash, content FROM skill_versions WHERE id IN (" + in + ")",
                    row -> Map.entry(
                            row.getLong(1), new VersionText(Sql.text(row, 2), Sql.text(row, 3), Sql.text(row, 4))),
                    chunk.toArray())) {
                texts.put(text.getKey(), text.getValue());
            }
        }
        return texts;
    }

    public long insertSkill(Sql sql, SkillFile file, long now) throws SQLException {
        return sql.insert(
                "INSERT INTO skills (name, category, approval_level, status, team, owner, created_ms, updated_ms)"
                        + " VALUES (?, ?, ?, 'active', ?, ?, ?, ?)",
                file.name(),
                file.category().label(),
                file.category().approvalLevel().label(),
                file.text("team"),
                file.text("owner"),
                now,
                now);
    }

    /** Inserts a version and returns it as {@link #version} would read it back, without reading it. */
    public SkillVersion addVersion(
            Sql sql, long skillId, String skillName, SkillFile file, VersionState state, long now) throws SQLException {
        return addVersion(sql, skillId, skillName, file, state, file.category().approvalLevel(), null, now);
    }

    /**
     * As {@link #addVersion(Sql, long, String, SkillFile, VersionState, long)}, with the level the
     * version needs (stricter than its category's when an update changes the category) and where it
     * came from (null: a propose or import).
     */
    public SkillVersion addVersion(
            Sql sql,
            long skillId,
            String skillName,
            SkillFile file,
            VersionState state,
            ApprovalLevel level,
            SkillOrigin origin,
            long now)
            throws SQLException {
        String frontMatter = toJson(file);
        long id = insertVersion(sql, skillId, file, frontMatter, state, level, origin, now);
        return new SkillVersion(
                id,
                skillId,
                skillName,
                file.version(),
                file.content(),
                file.contentHash(),
                frontMatter,
                file.path().toString(),
                file.category(),
                level,
                state,
                now);
    }

    private long insertVersion(
            Sql sql,
            long skillId,
            SkillFile file,
            String frontMatter,
            VersionState state,
            ApprovalLevel level,
            SkillOrigin origin,
            long now)
            throws SQLException {
        return sql.insert(
                "INSERT INTO skill_versions (skill_id, version, major, minor, patch, content, content_hash,"
                        + " front_matter, source_path, category, approval_level, state, created_ms, decided_ms,"
                        + " origin, origin_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                skillId,
                file.version().toString(),
                file.version().major(),
                file.version().minor(),
                file.version().patch(),
                file.content(),
                file.contentHash(),
                frontMatter,
                file.path().toString(),
                file.category().label(),
                level.label(),
                state.label(),
                now,
                state.awaitsDecision() ? null : now,
                origin == null ? null : origin.generatedBy(),
                origin == null ? null : origin.runId());
    }

    /** Where a version came from, or empty for a propose or import. */
    public Optional<SkillOrigin> origin(Sql sql, long versionId) throws SQLException {
        return sql.one(
                "SELECT origin, origin_run FROM skill_versions WHERE id = ?",
                row -> Sql.text(row, 1) == null ? null : new SkillOrigin(Sql.text(row, 1), Sql.text(row, 2)),
                versionId);
    }

    /** Makes a version the latest, carrying its category and approval level onto the skill. */
    public void setLatest(Sql sql, long skillId, long versionId, SkillFile file, long now) throws SQLException {
        setLatest(sql, skillId, versionId, file, file.category().approvalLevel(), now);
    }

    /** As {@link #setLatest(Sql, long, long, SkillFile, long)}, with the level the version needs. */
    public void setLatest(Sql sql, long skillId, long versionId, SkillFile file, ApprovalLevel level, long now)
            throws SQLException {
        sql.update(
                "UPDATE skills SET latest_version_id = ?, category = ?, approval_level = ?,"
                        + " team = COALESCE(?, team), owner = COALESCE(?, owner), updated_ms = ? WHERE id = ?",
                versionId,
                file.category().label(),
                level.label(),
                file.text("team"),
                file.text("owner"),
                now,
                skillId);
    }

    /** {@link #setLatest} and {@link #setDeployed} in one statement. */
    public void setLatestAndDeployed(Sql sql, long skillId, long versionId, SkillFile file, long now)
            throws SQLException {
        sql.update(
                "UPDATE skills SET latest_version_id = ?, deployed_version_id = ?, category = ?, approval_level = ?,"
                        + " team = COALESCE(?, team), owner = COALESCE(?, owner), updated_ms = ? WHERE id = ?",
                versionId,
                versionId,
                file.category().label(),
                file.category().approvalLevel().label(),
                file.text("team"),
                file.text("owner"),
                now,
                skillId);
    }

    public void setState(Sql sql, long versionId, VersionState state, long now) throws SQLException {
        sql.update(
                "UPDATE skill_versions SET state = ?, decided_ms = ? WHERE id = ?",
                state.label(),
                state.awaitsDecision() ? null : now,
                versionId);
    }

    public void recordDecision(
            Sql sql, SkillVersion version, String approver, ApprovalDecision decision, String reasoning, long now)
            throws SQLException {
        sql.update(
                "INSERT INTO approval_history (skill_id, version_id, version, approval_level, approver, decision,"
                        + " reasoning, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                version.skillId(),
                version.id(),
                version.version().toString(),
                version.approvalLevel().label(),
                approver,
                decision.label(),
                reasoning,
                now);
    }

    public void setApprovalLevel(Sql sql, long skillId, long versionId, ApprovalLevel level, long now)
            throws SQLException {
        sql.update("UPDATE skills SET approval_level = ?, updated_ms = ? WHERE id = ?", level.label(), now, skillId);
        sql.update("UPDATE skill_versions SET approval_level = ? WHERE id = ?", level.label(), versionId);
    }

    public void setDeployed(Sql sql, long skillId, long versionId, long now) throws SQLException {
        sql.update("UPDATE skills SET deployed_version_id = ?, updated_ms = ? WHERE id = ?", versionId, now, skillId);
    }

    public void setStatus(Sql sql, long skillId, SkillStatus status, String note, Long replacementId, long now)
            throws SQLException {
        sql.update(
                "UPDATE skills SET status = ?, deprecation_note = ?, replacement_id = ?, updated_ms = ? WHERE id = ?",
                status.label(),
                note,
                replacementId,
                now,
                skillId);
    }

    public void upsertMapping(Sql sql, long skillId, Mapping mapping, Long pinnedVersionId, long now)
            throws SQLException {
        int updated = sql.update(
                "UPDATE agent_skill_mappings SET priority = ?, required = ?, enabled = ?, conditions = ?,"
                        + " pinned_version_id = ?, updated_ms = ? WHERE agent_type = ? AND skill_id = ?",
                mapping.priority(),
                mapping.required(),
                mapping.enabled(),
                conditionsJson(mapping.conditions()),
                pinnedVersionId,
                now,
                mapping.agentType(),
                skillId);
        if (updated == 0) {
            sql.update(
                    "INSERT INTO agent_skill_mappings (agent_type, skill_id, priority, required, enabled,"
                            + " conditions, pinned_version_id, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    mapping.agentType(),
                    skillId,
                    mapping.priority(),
                    mapping.required(),
                    mapping.enabled(),
                    conditionsJson(mapping.conditions()),
                    pinnedVersionId,
                    now,
                    now);
        }
    }

    private static Mapping mapping(ResultSet row) throws SQLException {
        return new Mapping(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                row.getInt(4) == 1,
                row.getInt(5) == 1,
                conditions(row.getString(6)),
                row.getString(7));
    }

    /** Conditions are stored as {@code {"phase": [...], "keywords": [...], "mode": [...]}}. */
    static Mapping.Conditions conditions(String json) {
        if (json == null || json.isBlank()) {
            return Mapping.Conditions.NONE;
        }
        Mapping.Conditions known = PARSED_CONDITIONS.get(json);
        if (known != null) {
            return known;
        }
        Mapping.Conditions parsed = parseConditions(json);
        if (PARSED_CONDITIONS.size() < MAX_PARSED_CONDITIONS) {
            PARSED_CONDITIONS.put(json, parsed);
        }
        return parsed;
    }

    /**
     * Reads the stored conditions (an object of string arrays, as {@link #conditionsJson} writes
     * them) as a JSON tree's {@code asText} would: a field may hold one string, null (none), or an
     * array or object whose values count as their text (nested values as ""); any other top-level
     * value means no conditions. {@link JsonReader}, not jackson: see there why.
     */
    private static Mapping.Conditions parseConditions(String json) {
        Object document;
        try {
            document = new JsonReader(json).document();
        } catch (IOException e) {
            throw new dev.cfn.CfnException("stored mapping conditions are not valid JSON: " + json, e);
        }
        Map<?, ?> fields = document instanceof Map<?, ?> map ? map : Map.of();
        return new Mapping.Conditions(
                strings(fields.get("phase")), strings(fields.get("keywords")), strings(fields.get("mode")));
    }

    private static List<String> strings(Object field) {
        if (field instanceof String text) {
            return List.of(text);
        }
        Collection<?> values =
                field instanceof Map<?, ?> map ? map.values() : field instanceof List<?> list ? list : List.of();
        List<String> out = new ArrayList<>(values.size());
        for (Object value : values) {
            out.add(
                    value instanceof Map<?, ?> || value instanceof List<?>
                            ? ""
                            : value instanceof JsonReader.Number number ? number.text() : String.valueOf(value));
        }
        return out;
    }

    static String conditionsJson(Mapping.Conditions conditions) {
        if (conditions.isEmpty()) {
            return null;
        }
        var node = Json.mapper().createObjectNode();
        if (!conditions.phases().isEmpty()) {
            node.set("phase", Json.mapper().valueToTree(conditions.phases()));
        }
        if (!conditions.keywords().isEmpty()) {
            node.set("keywords", Json.mapper().valueToTree(conditions.keywords()));
        }
        if (!conditions.modes().isEmpty()) {
            node.set("mode", Json.mapper().valueToTree(conditions.modes()));
        }
        return node.toString();
    }

    /** The JSON text stored for a parsed front matter. */
    public static String frontMatterJson(Object frontMatter) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(frontMatter);
    }

    private static String toJson(SkillFile file) {
        try {
            return frontMatterJson(file.frontMatter());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("front matter parsed from YAML is always JSON-serialisable", e);
        }
    }
}
