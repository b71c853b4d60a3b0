package dev.cfn.agents.definition;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentEnv;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.RuntimeKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules for each front-matter key of an agent definition. Values come from strict YAML (typed)
 * or from the lenient reading (strings), so each rule accepts both; every error names the key, the
 * rule and the value, located at the key's line.
 */
final class DefinitionRules {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");
    private static final double MAX_CPUS = 4096;
    static final int MAX_TURNS = 10_000;

    private final FrontMatter front;
    private final Map<String, Object> values;

    DefinitionRules(FrontMatter front) {
        this.front = front;
        this.values = front.values();
    }

    String name() {
        String name = scalar("name");
        if (name == null || name.isBlank()) {
            throw front.error("name", "front matter 'name' is required and must be a string");
        }
        if (!NAME.matcher(name).matches()) {
            throw front.error(
                    "name",
                    "front matter 'name' must be letters, digits, '.', '_' or '-' (at most 80), but was '" + name
                            + "'");
        }
        return name;
    }

    String description() {
        String description = scalar("description");
        if (description == null || description.isBlank()) {
            throw front.error("description", "front matter 'description' is required and must be a non-empty string");
        }
        return description.strip();
    }

    /** A YAML list, or a comma-separated string (Claude Code accepts both). */
    List<String> tools() {
        Object value = values.get("tools");
        if (value == null) {
            return List.of();
        }
        List<String> tools = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw front.error("tools", "front matter 'tools' must be a list of names, but has '" + item + "'");
                }
                tools.add(String.valueOf(item).strip());
            }
        } else if (value instanceof Map<?, ?>) {
            throw front.error("tools", "front matter 'tools' must be a list or a comma-separated string");
        } else {
            String text = value.toString().strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            Arrays.stream(text.split(",")).map(String::strip).forEach(tools::add);
        }
        tools.removeIf(String::isEmpty);
        return tools;
    }

    String model() {
        String model = scalar("model");
        return model == null || model.isBlank() ? null : model.strip();
    }

    /** Explicit {@code runtime}, else command when a command is given, else {@code llmDefault}. */
    RuntimeKind runtime(boolean hasCommand, RuntimeKind llmDefault) {
        String value = scalar("runtime");
        if (value == null) {
            return hasCommand ? RuntimeKind.COMMAND : llmDefault;
        }
        return choice("runtime", value, RuntimeKind.values());
    }

    boolean declaresRuntime() {
        return values.get("runtime") != null;
    }

    /** {@code max_turns}: a whole number from 1 to {@link #MAX_TURNS}, checked here and kept in {@code extra}. */
    void maxTurns() {
        Object value = values.get("max_turns");
        if (value == null) {
            return;
        }
        String text = value instanceof Map<?, ?> || value instanceof List<?>
                ? ""
                : value.toString().strip();
        int turns;
        try {
            turns = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            turns = 0;
        }
        if (turns < 1 || turns > MAX_TURNS) {
            throw front.error(
                    "max_turns",
                    "front matter 'max_turns' must be a whole number from 1 to " + MAX_TURNS + ", but was '" + value
                            + "'");
        }
    }

    /** The argv: a YAML list of strings, or one string split like a shell would. */
    List<String> command() {
        Object value = values.get("command");
        if (value == null) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw front.error(
                            "command", "front matter 'command' must be a list of strings, but has '" + item + "'");
                }
                argv.add(item.toString());
            }
        } else if (value instanceof Map<?, ?>) {
            throw front.error("command", "front matter 'command' must be a list of strings or a command line");
        } else {
            try {
                argv.addAll(ShellWords.split(value.toString()));
            } catch (IllegalArgumentException e) {
                throw front.error("command", "front matter 'command' has an " + e.getMessage());
            }
        }
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw front.error("command", "front matter 'command' must name a program, but was empty");
        }
        return argv;
    }

    AgentRole role() {
        String value = scalar("role");
        return value == null ? AgentRole.IMPLEMENTER : choice("role", value, AgentRole.values());
    }

    Complexity complexity() {
        String value = scalar("complexity");
        return value == null ? Complexity.MEDIUM : choice("complexity", value, Complexity.values());
    }

    Duration timeout() {
        Object value = values.get("timeout");
        if (value == null) {
            return null;
        }
        try {
            return Quantities.timeout(value.toString());
        } catch (IllegalArgumentException e) {
            throw front.error("timeout", "front matter 'timeout' " + e.getMessage());
        }
    }

    boolean warm() {
        Object value = values.get("warm");
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw front.error("warm", "front matter 'warm' must be true or false, but was '" + value + "'");
        };
    }

    String memory() {
        String value = scalar("memory");
        if (value == null) {
            return null;
        }
        try {
            Quantities.memoryBytes(value);
            return value.strip();
        } catch (IllegalArgumentException e) {
            throw front.error("memory", "front matter 'memory' " + e.getMessage());
        }
    }

    Double cpus() {
        String value = scalar("cpus");
        if (value == null) {
            return null;
        }
        double cpus;
        try {
            cpus = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            cpus = Double.NaN;
        }
        if (!(cpus > 0 && cpus <= MAX_CPUS)) {
            throw front.error(
                    "cpus", "front matter 'cpus' must be a number above 0 such as 1.5, but was '" + value + "'");
        }
        return cpus;
    }

    /**
     * {@code env}: a mapping of NAME: value to set, or a list (or comma-separated string) of names
     * whose values are passed through from cfn's environment.
     */
    AgentEnv env() {
        Object value = values.get("env");
        try {
            if (value == null) {
                return AgentEnv.NONE;
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, String> set = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() == null || e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                        throw new IllegalArgumentException(
                                "values must be text, but " + e.getKey() + " has '" + e.getValue() + "'");
                    }
                    set.put(String.valueOf(e.getKey()), e.getValue().toString());
                }
                return new AgentEnv(set, List.of());
            }
            List<String> names = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> names.add(String.valueOf(item).strip()));
            } else {
                Arrays.stream(value.toString().split(",")).map(String::strip).forEach(names::add);
            }
            names.removeIf(String::isEmpty);
            return new AgentEnv(Map.of(), names);
        } catch (IllegalArgumentException e) {
            throw front.error(
                    "env",
                    "front matter 'env' (NAME: value to set, or a list of names to pass through) " + e.getMessage());
        }
    }

    /** {@code max_cost_usd}: an amount above 0 in US dollars, checked here and kept in {@code extra}. */
    void maxCostUsd() {
        String value = scalar("max_cost_usd");
        if (value == null) {
            return;
        }
        double usd;
        try {
            usd = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            usd = Double.NaN;
        }
        if (!(usd > 0 && Double.isFinite(usd))) {
            throw front.error(
                    "max_cost_usd",
                    "front matter 'max_cost_usd' must be an amount above 0 in US dollars such as 0.50, but was '"
                            + value + "'");
        }
    }

    /**
     * {@code sandbox} ({@code none} or {@code container}), {@code image} (a name), {@code network}
     * (true or false) and {@code pids} (1 to 1000000): checked here and kept in {@code extra}.
     */
    void sandbox() {
        String sandbox = scalar("sandbox");
        if (sandbox != null
                && !List.of("none", "container").contains(sandbox.strip().toLowerCase(Locale.ROOT))) {
            throw front.error(
                    "sandbox", "front matter 'sandbox' must be one of none, container, but was '" + sandbox + "'");
        }
        String image = scalar("image");
        if (image != null && (image.isBlank() || image.strip().contains(" "))) {
            throw front.error(
                    "image",
                    "front matter 'image' must be an image name such as debian:bookworm, but was '" + image + "'");
        }
        String network = scalar("network");
        if (network != null
                && !List.of("true", "false", "yes", "no", "on", "off")
                        .contains(network.strip().toLowerCase(Locale.ROOT))) {
            throw front.error("network", "front matter 'network' must be true or false, but was '" + network + "'");
        }
        String pids = scalar("pids");
        if (pids != null) {
            int n;
            try {
                n = Integer.parseInt(pids.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > 1_000_000) {
                throw front.error(
                        "pids", "front matter 'pids' must be a whole number from 1 to 1000000, but was '" + pids + "'");
            }
        }
    }

    /** {@code skill_mode}: {@code prompt} or {@code plugin} (see AgentDefinition.skillMode()), kept in {@code extra}. */
    void skillMode() {
        String value = scalar(AgentDefinition.SKILL_MODE);
        if (value != null && !AgentDefinition.SKILL_MODES.contains(value.strip())) {
            throw front.error(
                    AgentDefinition.SKILL_MODE,
                    "front matter 'skill_mode' must be one of " + String.join(", ", AgentDefinition.SKILL_MODES)
                            + ", but was '" + value + "'");
        }
    }

    /** A scalar value as text, or null when absent; a list or mapping is an error. */
    private String scalar(String key) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw front.error(key, "front matter '" + key + "' must be a single value, not a list or mapping");
        }
        return value == null ? null : value.toString();
    }

    private <E extends Enum<E>> E choice(String key, String value, E[] options) {
        String wanted = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E option : options) {
            if (option.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return option;
            }
        }
        String allowed = Arrays.stream(options)
                .map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw front.error(key, "front matter '" + key + "' must be one of " + allowed + ", but was '" + value + "'");
    }

    AgentDefinitionException error(String key, String problem) {
        return front.error(key, problem);
    }
}
