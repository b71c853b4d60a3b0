package dev.cfn.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps label values bounded: a value outside its known set, or a new agent type past {@link
 * #MAX_AGENT_TYPES}, becomes {@code other}, so no input can grow the number of series without end.
 * Thread-safe.
 */
final class Labels {
    static final String OTHER = "other";
    static final int MAX_AGENT_TYPES = 500;
    static final Set<String> MODES = Set.of("mvp", "standard", "enterprise");
    static final Set<String> STATUSES = Set.of("success", "failure", "timeout");
    static final Set<String> DECISIONS = Set.of("proceed", "iterate", "abort");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final Set<String> agentTypes = ConcurrentHashMap.newKeySet();

    /** An agent type as given (lower case) while fewer than the limit are known and it looks like a name. */
    String agentType(String type) {
        if (type == null) {
            return OTHER;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (agentTypes.contains(t)) {
            return t;
        }
        if (!NAME.matcher(t).matches() || agentTypes.size() >= MAX_AGENT_TYPES) {
            return OTHER;
        }
        agentTypes.add(t);
        return t;
    }

    /** A loop mode; {@code none} outside a loop (e.g. {@code cfn agent run}). */
    static String mode(String mode) {
        return mode == null || mode.isEmpty() ? "none" : oneOf(MODES, mode);
    }

    static String oneOf(Set<String> known, String value) {
        if (value == null) {
            return OTHER;
        }
        String v = value.toLowerCase(Locale.ROOT);
        return known.contains(v) ? v : OTHER;
    }

    /** A short fixed word ({@code [a-z_]}, at most 32 characters), else {@code other}. */
    static String word(String value) {
        return value != null && value.length() <= 32 && value.chars().allMatch(c -> c == '_' || (c >= 'a' && c <= 'z'))
                ? value
                : OTHER;
    }
}
