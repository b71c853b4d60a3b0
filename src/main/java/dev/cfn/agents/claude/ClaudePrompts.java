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
        return fitted(system(inv), AgentPrompts.task(inv));
    }

    static Prompts resumed(AgentInvocation inv) {
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
        return fitted(system(inv), p.toString());
    }

    private static String system(AgentInvocation inv) {
        return AgentPrompts.instructions(inv)
                + "## How to answer\n\nWork in the working folder. When you are done, give your answer by calling"
                + " the StructuredOutput tool once with "
                + AgentPrompts.answerFields(inv.definition().role())
                + " (if that tool is missing, end your reply with that JSON object on one line)."
                + " Report the confidence you actually have: without one it counts as 0.\n";
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
