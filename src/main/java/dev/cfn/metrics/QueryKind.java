package dev.cfn.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels of {@code database_query_duration_seconds} for one SQL text: the statement's type
 * (select, insert, update, delete, other) and the table it names first (one of cfn's schema
 * tables, else {@code other}). Classified once per distinct text.
 */
record QueryKind(String queryType, String table) {
    /** cfn's tables (src/main/resources/db/*): a test checks this list against the migrations. */
    static final Set<String> TABLES = Set.of(
            "skills",
            "skill_versions",
            "approval_history",
            "agent_skill_mappings",
            "skill_usage_log",
            "change_epochs",
            "loop_runs",
            "loop_iterations",
            "agent_results",
            "loop_decisions",
            "loop_events",
            "agent_sessions",
            "agent_stops",
            "schema_version");

    private static final Set<String> TYPES = Set.of("select", "insert", "update", "delete");
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([A-Za-z]+)");
    private static final Pattern TABLE_NAME =
            Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN)\\s+\"?([A-Za-z_][A-Za-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_CACHED = 10_000;
    private static final Map<String, QueryKind> CACHE = new ConcurrentHashMap<>();

    static QueryKind of(String sql) {
        QueryKind kind = CACHE.get(sql);
        if (kind == null) {
            kind = classify(sql);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(sql, kind);
            }
        }
        return kind;
    }

    static QueryKind classify(String sql) {
        Matcher first = FIRST_WORD.matcher(sql);
        String word = first.find() ? first.group(1).toLowerCase(Locale.ROOT) : "";
        String type = word.equals("with") ? "select" : TYPES.contains(word) ? word : Labels.OTHER;
        Matcher table = TABLE_NAME.matcher(sql);
        String name = table.find() ? table.group(1).toLowerCase(Locale.ROOT) : "";
        return new QueryKind(type, TABLES.contains(name) ? name : Labels.OTHER);
    }
}
