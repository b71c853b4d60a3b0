package dev.cfn.skills.analytics;

import dev.cfn.InvalidInputException;
import dev.cfn.cache.QueryCache;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.Database;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's four analytics reports and top skills by usage. Each answer goes through the query
 * cache under a SHA-256 of its query, parameters and the change epochs of the tables it reads, so
 * a write by any process makes the next call recompute it.
 */
public final class SkillAnalytics {
    public static final List<String> REPORTS =
            List.of("effectiveness", "velocity", "bottlenecks", "by-approval", "usage");
    static final long DAY_MS = 86_400_000L;
    static final int HUMAN_SLA_DAYS = 7;

    // Both usage reports walk the skills and, per skill, its window of usage rows in the covering
    // index idx_usage_skill_covering: no table look-ups, no temporary B-tree over every row.
    private static final String EFFECTIVENESS = "SELECT t.level AS level, COUNT(*) AS skills,"
            + " CAST(SUM(t.uses) AS BIGINT) AS uses, SUM(t.gain) / SUM(t.uses) AS avg_confidence_gain,"
            + " SUM(t.duration) / NULLIF(SUM(t.timed), 0) AS avg_duration_ms"
            + " FROM (SELECT s.approval_level AS level, COUNT(*) AS uses,"
            + " SUM(u.confidence_after - u.confidence_before) AS gain,"
            + " SUM(CAST(u.duration_ms AS DOUBLE PRECISION)) AS duration, COUNT(u.duration_ms) AS timed"
            + " FROM skills s CROSS JOIN skill_usage_log u"
            + " WHERE u.skill_id = s.id AND u.created_ms >= ?"
            + " AND u.confidence_before IS NOT NULL AND u.confidence_after IS NOT NULL"
            + " GROUP BY s.id, s.approval_level) t"
            + " GROUP BY t.level ORDER BY t.level";
    private static final String VELOCITY =
            "SELECT h.approval_level AS level, h.decision AS decision, COUNT(*) AS count,"
                    + " AVG((h.created_ms - v.created_ms) / 86400000.0) AS avg_days_to_decision,"
                    + " SUM(CASE WHEN h.created_ms - v.created_ms <= ? THEN 1 ELSE 0 END) AS within_sla"
                    + " FROM approval_history h JOIN skill_versions v ON v.id = h.version_id"
                    + " WHERE h.created_ms >= ? GROUP BY h.approval_level, h.decision ORDER BY h.approval_level, h.decision";
    private static final String BOTTLENECKS = "SELECT s.name AS skill, v.version AS version, v.approval_level AS level,"
            + " v.state AS state, (? - v.created_ms) / 86400000.0 AS days_waiting"
            + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
            + " WHERE v.state IN ('pending', 'escalated', 'needs_correction') AND s.status = 'active'"
            + " ORDER BY v.created_ms, v.id LIMIT 10";
    private static final String BY_APPROVAL = "SELECT approval_level AS level, status, COUNT(*) AS count"
            + " FROM skills GROUP BY approval_level, status ORDER BY approval_level, status";
    private static final String USAGE =
            "SELECT s.name AS skill, COUNT(*) AS uses, AVG(u.duration_ms) AS avg_duration_ms,"
                    + " SUM(CASE WHEN u.exit_code = 0 THEN 1 ELSE 0 END) AS succeeded, MAX(u.created_ms) AS last_used_ms"
                    + " FROM skills s CROSS JOIN skill_usage_log u WHERE u.skill_id = s.id AND u.created_ms >= ?"
                    + " GROUP BY s.id, s.name ORDER BY uses DESC, s.name LIMIT 20";

    private final Database db;
    private final QueryCache cache;
    private final Clock clock;
    private final ReportRows codec = new ReportRows();

    public SkillAnalytics(Database db, QueryCache cache, Clock clock) {
        this.db = db;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * @param name one of {@link #REPORTS}
     * @param days how far back usage and decisions count (1 to 3650)
     */
    public Report report(String name, int days) {
        if (days < 1 || days > 3650) {
            throw new InvalidInputException("--days must be 1 to 3650, but was " + days);
        }
        long now = clock.millis();
        long since = now - days * DAY_MS;
        return switch (name) {
            case "effectiveness" ->
                cached(name, days, EFFECTIVENESS, List.of(ChangeEpochs.SKILLS, ChangeEpochs.USAGE), since);
            case "velocity" -> velocity(days, since);
            case "bottlenecks" -> cached(name, days, BOTTLENECKS, List.of(ChangeEpochs.SKILLS), now);
            case "by-approval" -> cached(name, days, BY_APPROVAL, List.of(ChangeEpochs.SKILLS));
            case "usage" -> cached(name, days, USAGE, List.of(ChangeEpochs.SKILLS, ChangeEpochs.USAGE), since);
            default ->
                throw new InvalidInputException(
                        "report must be one of " + String.join(", ", REPORTS) + ", but was '" + name + "'");
        };
    }

    private Report velocity(int days, long since) {
        Report raw = cached("velocity", days, VELOCITY, List.of(ChangeEpochs.SKILLS), HUMAN_SLA_DAYS * DAY_MS, since);
        long human = 0;
        long humanWithinSla = 0;
        for (Map<String, Object> row : raw.rows()) {
            if ("human".equals(row.get("level")) && !"escalated".equals(row.get("decision"))) {
                human += ((Number) row.get("count")).longValue();
                humanWithinSla += ((Number) row.get("within_sla")).longValue();
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("human_sla_days", HUMAN_SLA_DAYS);
        summary.put("human_decisions", human);
        summary.put("human_sla_share", human == 0 ? null : (double) humanWithinSla / human);
        return new Report(raw.name(), days, raw.rows(), summary, raw.fromCache());
    }

    private Report cached(String name, int days, String query, List<String> tables, Object... params) {
        return db.read(sql -> {
            StringBuilder keyText = new StringBuilder(query);
            for (Object p : params) {
                keyText.append('\u0000').append(keyParam(query, p));
            }
            Map<String, Long> epochs = ChangeEpochs.readAll(sql);
            for (String table : tables) {
                keyText.append('\u0001').append(table).append('=').append(epochs.getOrDefault(table, 0L));
            }
            String key = sha256(keyText.toString());
            var hit = cache.get(key);
            if (hit.isPresent()) {
                return new Report(name, days, codec.decode(key, hit.get()), Map.of(), true);
            }
            List<Map<String, Object>> rows = ReportRows.readOnly(sql.query(query, SkillAnalytics::row, params));
            cache.put(key, codec.encode(key, rows), QueryCache.DEFAULT_TTL);
            return new Report(name, days, rows, Map.of(), false);
        });
    }

    /** Time parameters are cut to the minute in the key, so repeated calls can hit. */
    private static Object keyParam(String query, Object param) {
        return param instanceof Long ms && ms > 1_000_000_000_000L ? ms / 60_000 : param;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Integer n) {
                value = n.longValue();
            } else if (value instanceof java.math.BigDecimal d) { // PostgreSQL's AVG and numeric division
                value = d.doubleValue();
            }
            row.put(meta.getColumnLabel(i), value);
        }
        return row;
    }

    static String sha256(String text) {
        return dev.cfn.store.Sha256.hex(text);
    }
}
