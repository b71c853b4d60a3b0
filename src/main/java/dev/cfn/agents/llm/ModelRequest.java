package dev.cfn.agents.llm;

import dev.cfn.agents.llm.tools.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a model API: the whole conversation so far.
 *
 * @param system the system prompt (instructions, skills, answer format): the same each turn
 * @param parameters extra body fields of the provider ({@code temperature} ...), sent as given
 */
public record ModelRequest(
        String model,
        String system,
        List<ToolSpec> tools,
        List<Turn> turns,
        long maxTokens,
        Map<String, Object> parameters) {
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        tools = List.copyOf(tools);
        turns = List.copyOf(turns);
        parameters = Map.copyOf(parameters);
    }
}
