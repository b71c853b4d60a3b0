package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** One tool an API agent may call. Implementations are thread-confined to one agent's loop. */
interface Tool {
    ToolSpec spec();

    /**
     * Runs one call.
     *
     * @return the text the model reads
     * @throws ToolError for a failure the model should see (bad input, a refused path)
     */
    String run(JsonNode input) throws ToolError;

    /** The required text field {@code name} of {@code input}. */
    static String text(JsonNode input, String name) throws ToolError {
        JsonNode v = input.get(name);
        if (v == null || !v.isTextual()) {
            throw new ToolError("'" + name + "' is required and must be a string");
        }
        return v.asText();
    }

    /** The optional text field {@code name}, or null. */
    static String optionalText(JsonNode input, String name) throws ToolError {
        JsonNode v = input.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ToolError("'" + name + "' must be a string");
        }
        return v.asText();
    }

    /** The optional whole number {@code name} (at least {@code min}), or {@code otherwise}. */
    static long number(JsonNode input, String name, long min, long otherwise) throws ToolError {
        JsonNode v = input.get(name);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToLong() && !(v.isTextual() && v.asText().strip().matches("-?\\d+"))) {
            throw new ToolError("'" + name + "' must be a whole number");
        }
        long n = v.isTextual() ? Long.parseLong(v.asText().strip()) : v.asLong();
        if (n < min) {
            throw new ToolError("'" + name + "' must be at least " + min + ", but was " + n);
        }
        return n;
    }
}
