package dev.cfn.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentRole;
import dev.cfn.json.Json;
import java.util.List;
import java.util.Map;

/**
 * The prompts of an LLM agent: the system prompt holds its instructions, its skills and the
 * protocol's answer format; the user message holds the task document (its stdin as a process).
 */
final class AgentPrompts {
    private AgentPrompts() {}

    static String system(AgentInvocation invocation) {
        AgentDefinition d = invocation.definition();
        StringBuilder s = new StringBuilder();
        s.append("You are the agent '")
                .append(d.name())
                .append("': ")
                .append(d.description())
                .append("\n\n");
        if (!d.body().isBlank()) {
            s.append(d.body().strip()).append("\n\n");
        }
        List<Map<String, Object>> skills = skills(invocation.input().get("skills"));
        if (!skills.isEmpty()) {
            s.append("## Skills\n\n");
            for (Map<String, Object> skill : skills) {
                s.append("### ").append(skill.getOrDefault("name", "skill"));
                if (skill.get("version") != null) {
                    s.append(" v").append(skill.get("version"));
                }
                s.append("\n\n")
                        .append(String.valueOf(skill.getOrDefault("content", ""))
                                .strip())
                        .append("\n\n");
            }
        }
        s.append("## How to answer\n\nEnd your reply with one line holding a single JSON object: ")
                .append("{\"confidence\": <0..1>, \"status\": \"success\" or \"failed\", \"summary\": \"...\", ")
                .append("\"files\": [\"...\"], \"feedback\": [{\"severity\": \"CRITICAL|WARNING|SUGGESTION\", ")
                .append("\"message\": \"...\"}]");
        if (d.role() == AgentRole.PRODUCT_OWNER) {
            s.append(", \"decision\": \"PROCEED|ITERATE|ABORT\", \"reasoning\": \"...\"");
        }
        s.append("}. Report the confidence you actually have: without one it counts as 0.\n");
        return s.toString();
    }

    static String user(AgentInvocation invocation) {
        String input;
        try {
            input = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(invocation.input());
        } catch (JsonProcessingException e) {
            input = String.valueOf(invocation.input());
        }
        return "Task " + invocation.taskId() + ", agent " + invocation.agentId() + ", iteration "
                + invocation.iteration() + " (" + invocation.phase().label()
                + (invocation.mode() == null ? "" : ", " + invocation.mode())
                + "), working folder " + invocation.workdir().toAbsolutePath() + ".\n\n```json\n" + input + "\n```\n";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> skills(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .map(item -> item instanceof Map<?, ?> m ? (Map<String, Object>) m : convert(item))
                .filter(m -> m != null)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> convert(Object item) {
        try {
            return Json.mapper().convertValue(item, Map.class);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
