package dev.cfn.agents.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original system's {@code <!-- PROVIDER_PARAMETERS provider: zai model: glm-4.6 -->} block in
 * a definition's body: {@code key: value} pairs, on one line or several. What the front matter sets
 * wins over the block.
 */
final class ProviderParameters {
    private static final Pattern BLOCK = Pattern.compile("<!--\\s*PROVIDER_PARAMETERS\\b(.*?)-->", Pattern.DOTALL);
    private static final Pattern PAIR =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(\"[^\"]*\"|'[^']*'|[^\\s,]+)");

    private final Map<String, String> values;

    private ProviderParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static ProviderParameters of(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body != null && body.contains("PROVIDER_PARAMETERS")) {
            Matcher block = BLOCK.matcher(body);
            if (block.find()) {
                Matcher pair = PAIR.matcher(block.group(1));
                while (pair.find()) {
                    String v = pair.group(2);
                    if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    values.putIfAbsent(pair.group(1).toLowerCase(java.util.Locale.ROOT), v);
                }
            }
        }
        return new ProviderParameters(values);
    }

    /** The value of {@code key}, or null. */
    String get(String key) {
        return values.get(key);
    }
}
