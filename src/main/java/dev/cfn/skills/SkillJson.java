package dev.cfn.skills;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of registry values, one definition shared by the CLI's {@code --json} output and
 * the HTTP API. Keys are snake_case; times are ISO-8601 instants.
 */
public final class SkillJson {
    private SkillJson() {}

    public static Map<String, Object> skill(Skill s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("category", s.category().label());
        m.put("approval_level", s.approvalLevel().label());
        m.put("status", s.status().label());
        m.put("latest_version", s.latestVersion());
        m.put("deployed_version", s.deployedVersion());
        m.put("team", s.team());
        m.put("owner", s.owner());
        m.put("replacement", s.replacement());
        m.put("deprecation_note", s.deprecationNote());
        m.put("updated", time(s.updatedMs()));
        return m;
    }

    public static Map<String, Object> version(SkillVersion v, boolean withContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skill", v.skillName());
        m.put("version", v.version().toString());
        m.put("state", v.state().label());
        m.put("approval_level", v.approvalLevel().label());
        m.put("category", v.category().label());
        m.put("content_hash", v.contentHash());
        m.put("source_path", v.sourcePath());
        m.put("created", time(v.createdMs()));
        if (withContent) {
            m.put("content", v.content());
        }
        return m;
    }

    public static Map<String, Object> approval(ApprovalRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skill", r.skill());
        m.put("version", r.version());
        m.put("level", r.level().label());
        m.put("approver", r.approver());
        m.put("decision", r.decision().label());
        m.put("reasoning", r.reasoning());
        m.put("timestamp", time(r.createdMs()));
        return m;
    }

    public static Map<String, Object> mapping(Mapping mp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_type", mp.agentType());
        m.put("priority", mp.priority());
        m.put("required", mp.required());
        m.put("enabled", mp.enabled());
        m.put("phases", mp.conditions().phases());
        m.put("keywords", mp.conditions().keywords());
        m.put("pinned_version", mp.pinnedVersion());
        return m;
    }

    public static Map<String, Object> loaded(LoadedSkill s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("version", s.version());
        m.put("hash", s.contentHash());
        m.put("priority", s.priority());
        m.put("required", s.required());
        m.put("content", s.content());
        return m;
    }

    public static Map<String, Object> proposed(ProposeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skill", r.skill());
        m.put("version", r.version());
        m.put("state", r.state().label());
        m.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    /** A version awaiting review, with how long it has waited at {@code nowMs}. */
    public static Map<String, Object> pending(PendingVersion p, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("skill", p.skill());
        m.put("version", p.version());
        m.put("category", p.category().label());
        m.put("level", p.level().label());
        m.put("state", p.state().label());
        m.put("proposed", time(p.createdMs()));
        m.put("days_waiting", (nowMs - p.createdMs()) / 86_400_000.0);
        m.put("generated_by", p.origin() == null ? null : p.origin().generatedBy());
        m.put("run_id", p.origin() == null ? null : p.origin().runId());
        return m;
    }

    public static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
