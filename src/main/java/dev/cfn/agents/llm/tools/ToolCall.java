package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool call the model asked for.
 *
 * @param id the API's id of the call (its result answers this id)
 * @param input the call's input object (an empty object when the model sent none or unreadable JSON)
 */
public record ToolCall(String id, String name, JsonNode input) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
    }

    /** Name and input as one text: two calls with equal keys are the same call. */
    public String key() {
        return name + " " + input;
    }
}
