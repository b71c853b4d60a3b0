package dev.cfn.skills.analytics;

import java.util.List;
import java.util.Map;

/**
 * An analytics report: named rows of named columns (in order), and summary figures.
 *
 * @param fromCache whether this answer came from the query cache
 */
public record Report(
        String name, int days, List<Map<String, Object>> rows, Map<String, Object> summary, boolean fromCache) {
    public Report {
        rows = List.copyOf(rows);
        summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
    }
}
