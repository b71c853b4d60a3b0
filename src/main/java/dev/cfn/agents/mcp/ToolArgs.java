package dev.cfn.agents.mcp;

import dev.cfn.InvalidInputException;
import dev.cfn.json.FieldReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one tool call, read field by field: every failure is an {@link
 * InvalidInputException} naming the tool and the field (the tool error's one line).
 */
public final class ToolArgs implements FieldReader {
    private final String tool;
    private final Map<String, Object> values;

    public ToolArgs(String tool, Map<String, Object> values) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
    }

    /** All arguments as sent. */
    public Map<String, Object> all() {
        return values;
    }

    /** @throws InvalidInputException when an argument is not one of {@code allowed} */
    public ToolArgs only(Set<String> allowed) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(tool + ": unknown argument '"
                    + unknown.iterator().next() + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
        return this;
    }

    /** A text argument, or null when absent. */
    @Override
    public String text(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new InvalidInputException(tool + ": argument '" + field + "' must be text");
        }
        return v.toString();
    }

    /** A text argument that must be given and not blank. */
    @Override
    public String requiredText(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw new InvalidInputException(tool + ": argument '" + field + "' is required");
        }
        return v;
    }

    /** A whole number, or null when absent. */
    @Override
    public Integer integer(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e9) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    tool + ": argument '" + field + "' must be a whole number, but was '" + v + "'");
        }
    }

    /** A number, or null when absent. */
    @Override
    public Double number(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(tool + ": argument '" + field + "' must be a number, but was '" + v + "'");
        }
    }

    /** A whole number that may exceed an int (a token budget), or null when absent. */
    @Override
    public Long longInteger(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        try {
            return Long.valueOf(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    tool + ": argument '" + field + "' must be a whole number, but was '" + v + "'");
        }
    }

    /** true or false (also as text), false when absent. */
    @Override
    public boolean flag(String field) {
        Object v = values.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String text = v.toString().strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidInputException(tool + ": argument '" + field + "' must be true or false, but was '" + v + "'");
    }

    /** A list of texts (a JSON array, or one comma-separated text), or null when absent. */
    @Override
    public List<String> texts(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new InvalidInputException(tool + ": argument '" + field + "' must be a list of texts");
                }
                out.add(item.toString());
            }
            return out;
        }
        if (v instanceof Map<?, ?>) {
            throw new InvalidInputException(tool + ": argument '" + field + "' must be a list of texts");
        }
        for (String part : v.toString().split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }
}
