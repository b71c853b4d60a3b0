package dev.cfn.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Whole-keyspace work on Redis done with SCAN, never KEYS (which blocks the server): removing a
 * task's keys with UNLINK (freed in the background), key counts by kind, and INFO sections.
 */
public final class RedisScans {
    private static final int PAGE = 1_000;

    private final RedisConnections connections;

    public RedisScans(RedisConnections connections) {
        this.connections = connections;
    }

    /** UNLINKs every key matching the pattern, a page at a time; returns how many were removed. */
    public long unlink(String pattern) {
        long[] removed = {0};
        scan(
                pattern,
                page -> removed[0] += connections.await(connections.async().unlink(page.toArray(String[]::new))));
        return removed[0];
    }

    /** The number of keys per {@link KeyScheme.Kind} template, counted with SCAN. */
    public Map<String, Long> countByKind(KeyScheme keys) {
        Map<String, Long> counts = new TreeMap<>();
        scan(
                keys.allPattern(),
                page -> page.forEach(key -> counts.merge(keys.kindOf(key).template(), 1L, Long::sum)));
        return counts;
    }

    public long[] memory() {
        Map<String, String> info = info("memory");
        return new long[] {number(info, "used_memory"), number(info, "maxmemory")};
    }

    private void scan(String pattern, Consumer<List<String>> perPage) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(PAGE);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connections.await(connections.async().scan(cursor, args));
            if (!page.getKeys().isEmpty()) {
                perPage.accept(page.getKeys());
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** The fields of one {@code INFO} section. */
    public Map<String, String> info(String section) {
        Map<String, String> fields = new HashMap<>();
        String text = connections.await(connections.async().info(section));
        text.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        });
        return fields;
    }

    /** A numeric INFO field, -1 when missing or not a number. */
    public static long number(Map<String, String> info, String field) {
        try {
            return Long.parseLong(info.getOrDefault(field, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
