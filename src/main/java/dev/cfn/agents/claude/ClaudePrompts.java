package dev.cfn.agents.claude;

import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentPrompts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a Claude Code agent is told. Appended to Claude Code's own system prompt (through a file:
 * skills can exceed the kernel's 128 KiB limit on one argument): the definition's body, its loaded
 * skills and the answer protocol. The prompt: the task document (without the skills); when the slot
 * resumes its session, the feedback of the previous iteration. A task document too large for one
 * argument moves to the system prompt.
 */
final class ClaudePrompts {
    /** Stays well below the kernel's limit of 128 KiB on one argument. */
    static final int MAX_PROMPT_BYTES = 96 * 1024;

    private ClaudePrompts() {}

    /** The system prompt file's text and the prompt argument of a run. */
    record Prompts(String system, String prompt) {}

    static Prompts fresh(AgentInvocation inv) {
        return fresh(inv, false);
    }

    /** @param reportTool the agent has cfn's {@code report_result} tool (the MCP endpoint) */
    static Prompts fresh(AgentInvocation inv, boolean reportTool) {
        return fitted(system(inv, reportTool), AgentPrompts.task(inv));
    }

    static Prompts resumed(AgentInvocation inv) {
        return resumed(inv, false);
    }

    static Prompts resumed(AgentInvocation inv, boolean reportTool) {
        StringBuilder p = new StringBuilder()
                .append("Iteration ")
                .append(inv.iteration())
                .append(" (agent ")
                .append(inv.agentId())
                .append("). The validators' feedback on your work of the previous iteration:\n\n");
        List<?> feedback = inv.input().get("feedback") instanceof List<?> l ? l : List.of();
        if (feedback.isEmpty()) {
            p.append("- (none: the loop asked for another iteration)\n");
        }
        for (Object item : feedback) {
            if (item instanceof Map<?, ?> m) {
                p.append("- ")
                        .append(m.get("severity"))
                        .append(": ")
                        .append(m.get("message"))
                        .append('\n');
            } else {
                p.append("- ").append(item).append('\n');
            }
        }
        p.append("\nAddress it in the working folder, then answer as before. This iteration's task document:\n\n")
                .append("```json\n")
                .append(AgentPrompts.json(AgentPrompts.withoutSkills(inv.input())))
                .append("\n```\n");
        return fitted(system(inv, reportTool), p.toString());
    }

    private static String system(AgentInvocation inv, boolean reportTool) {
        String fields = AgentPrompts.answerFields(inv.definition().role());
        String how = reportTool
                ? "give your answer by calling the mcp__cfn__report_result tool once with " + fields
                        + " (if that tool is missing, end your reply with that JSON object on one line)."
                : "give your answer by calling the StructuredOutput tool once with " + fields
                        + " (if that tool is missing, end your reply with that JSON object on one line).";
        return skillsPart(inv)
                + "## How to answer\n\nWork in the working folder. When you are done, " + how
                + " Report the confidence you actually have: without one it counts as 0.\n";
    }

    /**
     * Who the agent is and its skills: in {@code skill_mode: plugin} only their names, since Claude
     * Code's Skill tool loads each one's text when it applies; else each one's text.
     */
    private static String skillsPart(AgentInvocation inv) {
        if (!ClaudeExtras.isPluginMode(inv)) {
            return AgentPrompts.instructions(inv);
        }
        AgentInvocation bare = new AgentInvocation(
                inv.definition(),
                inv.taskId(),
                inv.agentId(),
                inv.iteration(),
                inv.phase(),
                inv.mode(),
                inv.workdir(),
                AgentPrompts.withoutSkills(inv.input()),
                inv.env(),
                inv.timeout(),
                inv.logDir());
        StringBuilder s = new StringBuilder(AgentPrompts.instructions(bare));
        List<Map<String, Object>> skills = skills(inv);
        if (!skills.isEmpty()) {
            s.append("## Skills\n\nYour skills are Claude Code skills of the plugin ")
                    .append(ClaudeExtras.PLUGIN)
                    .append(": load one with the Skill tool when it applies to your work.\n\n");
            for (Map<String, Object> skill : skills) {
                s.append("- ")
                        .append(ClaudeExtras.PLUGIN)
                        .append(':')
                        .append(skill.getOrDefault("name", "skill"))
                        .append(skill.get("version") == null ? "" : " v" + skill.get("version"))
                        .append('\n');
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The skills of the task document ({@code name}, {@code version}, {@code content} ...). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> skills(AgentInvocation inv) {
        if (!(inv.input().get("skills") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(item -> item instanceof Map<?, ?>)
                .map(item -> (Map<String, Object>) item)
                .toList();
    }

    private static Prompts fitted(String system, String prompt) {
        if (prompt.getBytes(StandardCharsets.UTF_8).length <= MAX_PROMPT_BYTES) {
            return new Prompts(system, prompt);
        }
        return new Prompts(
                system + "\n## Task document\n\n" + prompt,
                "Your task is in the system prompt, under 'Task document'. Do it, then answer as told there.");
    }
}
