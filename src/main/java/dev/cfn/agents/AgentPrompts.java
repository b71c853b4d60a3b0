package dev.cfn.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompts of an LLM agent, the same for every LLM runtime: the system prompt holds its
 * instructions, its skills and the protocol's answer format; the user message holds the task
 * document (what a process agent reads on stdin).
 */
public final class AgentPrompts {
    private AgentPrompts() {}

    /** The whole system prompt: {@link #instructions} then {@link #answerFormat}. */
    public static String system(AgentInvocation invocation) {
        return instructions(invocation) + answerFormat(invocation.definition().role());
    }

    /** Who the agent is, its definition's body, and its loaded skills ({@code ### name vX} and the content). */
    public static String instructions(AgentInvocation invocation) {
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
        return s.toString();
    }

    /** The answer protocol as a JSON line at the end of the reply. */
    public static String answerFormat(AgentRole role) {
        return "## How to answer\n\nEnd your reply with one line holding a single JSON object: "
                + answerFields(role)
                + ". Report the confidence you actually have: without one it counts as 0.\n";
    }

    /** The fields of the answer, as a JSON-like template. */
    public static String answerFields(AgentRole role) {
        StringBuilder s = new StringBuilder()
                .append("{\"confidence\": <0..1>, \"status\": \"success\" or \"failed\", \"summary\": \"...\", ")
                .append("\"files\": [\"...\"], \"feedback\": [{\"severity\": \"CRITICAL|WARNING|SUGGESTION\", ")
                .append("\"message\": \"...\"}]");
        if (role == AgentRole.PRODUCT_OWNER) {
            s.append(", \"decision\": \"PROCEED|ITERATE|ABORT\", \"reasoning\": \"...\"");
        }
        if (role == AgentRole.REFLECTOR) {
            s.append(", \"skills\": [\"<a whole SKILL.md: front matter (name, description, version, category)"
                    + " and body>\"]");
        }
        return s.append('}').toString();
    }

    /** The user message: who and where, then the whole input document. */
    public static String user(AgentInvocation invocation) {
        return header(invocation) + ".\n\n```json\n" + json(invocation.input()) + "\n```\n";
    }

    /**
     * The task as a prompt for a runtime that already has the skills in its system prompt: the
     * input document without {@code skills} (they can be far larger than the task).
     */
    public static String task(AgentInvocation invocation) {
        return header(invocation) + ".\n\n```json\n" + json(withoutSkills(invocation.input())) + "\n```\n";
    }

    /** The input document without its {@code skills}. */
    public static Map<String, Object> withoutSkills(Map<String, Object> input) {
        Map<String, Object> m = new LinkedHashMap<>(input);
        m.remove("skills");
        return m;
    }

    private static String header(AgentInvocation invocation) {
        return "Task " + invocation.taskId() + ", agent " + invocation.agentId() + ", iteration "
                + invocation.iteration() + " (" + invocation.phase().label()
                + (invocation.mode() == null ? "" : ", " + invocation.mode())
                + "), working folder " + invocation.workdir().toAbsolutePath();
    }

    /** {@code value} as indented JSON (its {@code toString()} when it cannot be written as JSON). */
    public static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
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
