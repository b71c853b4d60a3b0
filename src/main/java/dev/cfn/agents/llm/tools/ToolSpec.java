package dev.cfn.agents.llm.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool as a model API is told of it.
 *
 * @param properties the JSON Schema of each input field
 * @param required the fields the model must give
 */
public record ToolSpec(String name, String description, Map<String, Object> properties, List<String> required) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        properties = Map.copyOf(properties);
        required = List.copyOf(required);
    }

    /** The whole input schema: {@code {"type": "object", "properties": ..., "required": ...}}. */
    public Map<String, Object> schema() {
        return Map.of("type", "object", "properties", properties, "required", required);
    }

    static Map<String, Object> field(String type, String description) {
        return Map.of("type", type, "description", description);
    }
}
