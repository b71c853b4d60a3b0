package dev.cfn.agents.claude;

import dev.cfn.agents.AgentRole;

/**
 * The agent protocol's answer as a JSON Schema, for Claude Code's {@code --json-schema}: the model
 * then gives its answer through Claude Code's StructuredOutput tool, and the result line carries it
 * as {@code structured_output}. A product owner must also decide.
 */
final class AnswerSchema {
    private static final String FIELDS = "\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
            + "\"status\":{\"type\":\"string\",\"enum\":[\"success\",\"failed\"]},"
            + "\"summary\":{\"type\":\"string\"},"
            + "\"files\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
            + "\"feedback\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"severity\":{\"type\":\"string\",\"enum\":[\"CRITICAL\",\"WARNING\",\"SUGGESTION\"]},"
            + "\"message\":{\"type\":\"string\"}},\"required\":[\"severity\",\"message\"]}}";
    private static final String DECISION =
            ",\"decision\":{\"type\":\"string\",\"enum\":[\"PROCEED\",\"ITERATE\",\"ABORT\"]},"
                    + "\"reasoning\":{\"type\":\"string\"}";

    private static final String SKILLS = ",\"skills\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";

    private AnswerSchema() {}

    static String of(AgentRole role) {
        boolean owner = role == AgentRole.PRODUCT_OWNER;
        return "{\"type\":\"object\",\"properties\":{" + FIELDS + (owner ? DECISION : "")
                + (role == AgentRole.REFLECTOR ? SKILLS : "") + "},\"required\":"
                + (owner
                        ? "[\"confidence\",\"status\",\"summary\",\"decision\"]"
                        : "[\"confidence\",\"status\",\"summary\"]")
                + "}";
    }
}
