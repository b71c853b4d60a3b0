package dev.cfn.skills.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cfn.CfnException;
import dev.cfn.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Report rows as the query cache holds them (JSON text), and back. The rows last seen under each
 * cache key are kept beside their text, so a cache hit whose text is the one already decoded (the
 * same instance, for the in-process cache) costs no JSON parsing. The query cache stays the only
 * authority on what is cached: its expiry and its invalidation apply unchanged. Thread-safe.
 */
final class ReportRows {
    private static final int REMEMBERED = 256;
    /** Whole numbers decode as Long, as freshly read rows hold them. */
    private static final ObjectReader ROWS = Json.mapper()
            .readerFor(new TypeReference<List<Map<String, Object>>>() {})
            .with(DeserializationFeature.USE_LONG_FOR_INTS);

    private record Decoded(String json, List<Map<String, Object>> rows) {}

    private final Cache<String, Decoded> decoded =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    /** The text to cache for freshly computed rows; the rows are remembered under {@code key}. */
    String encode(String key, List<Map<String, Object>> rows) {
        try {
            String json = Json.mapper().writeValueAsString(rows);
            decoded.put(key, new Decoded(json, rows));
            return json;
        } catch (JsonProcessingException e) {
            throw new CfnException("cannot encode a report: " + e.getMessage(), e);
        }
    }

    /** The rows of a cached text: the ones remembered for that very text, else parsed now. */
    List<Map<String, Object>> decode(String key, String json) {
        Decoded known = decoded.getIfPresent(key);
        if (known != null && (known.json() == json || known.json().equals(json))) {
            return known.rows();
        }
        try {
            List<Map<String, Object>> rows = readOnly(ROWS.readValue(json));
            decoded.put(key, new Decoded(json, rows));
            return rows;
        } catch (JsonProcessingException e) {
            throw new CfnException("a cached report is corrupt: " + e.getMessage(), e);
        }
    }

    /** Rows that can be shared between callers. */
    static List<Map<String, Object>> readOnly(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            out.add(Collections.unmodifiableMap(row));
        }
        return List.copyOf(out);
    }
}
