package dev.cfn.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an agent's definition asks for in its environment ({@code env:} in the front matter) on top
 * of the few variables every agent gets: values it sets, and names passed through from cfn's own
 * environment. Names are shell names ({@code [A-Za-z_][A-Za-z0-9_]*}); {@code CFN_*} is cfn's and the
 * agent protocol's, so a definition can neither set it nor take cfn's settings (CFN_API_TOKEN,
 * CFN_DB_URL) from it.
 *
 * @param values NAME: value, set as written
 * @param passed names whose value is cfn's own, when cfn has one
 */
public record AgentEnv(Map<String, String> values, List<String> passed) {
    public static final AgentEnv NONE = new AgentEnv(Map.of(), List.of());

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public AgentEnv {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        passed = List.copyOf(passed);
        values.keySet().forEach(AgentEnv::requireName);
        passed.forEach(AgentEnv::requireName);
    }

    /**
     * @throws IllegalArgumentException when {@code name} is not a shell name or is one of cfn's
     */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "must be names of letters, digits and '_' (not starting with a digit), but has '" + name + "'");
        }
        if (name.startsWith("CFN_")) {
            throw new IllegalArgumentException("may not name cfn's own variables (CFN_*), but has '" + name + "'");
        }
    }
}
