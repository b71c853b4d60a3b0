package dev.cfn.agents.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reply of a {@link ScriptedMessagesApi}: a streamed message (text and tool_use blocks with
 * their usage), an HTTP error in the API's error shape, or a reply that never comes.
 */
public sealed interface ScriptedReply permits ScriptedReply.Message, ScriptedReply.Failure, ScriptedReply.Hang {

    /** A text block. */
    static Block text(String text) {
        return new Block(text, null, null);
    }

    /** A tool_use block: Claude Code runs the tool (Write, Edit, Bash ...) with {@code input}. */
    static Block tool(String name, Map<String, Object> input) {
        return new Block(null, name, input);
    }

    /** A message of {@code blocks}; stops for tool use when one of them is a tool call. */
    static Message message(Block... blocks) {
        boolean tools = List.of(blocks).stream().anyMatch(b -> b.tool() != null);
        return new Message(List.of(blocks), tools ? "tool_use" : "end_turn", 100, 40, 50, 10);
    }

    /** A text reply that ends the turn. */
    static Message say(String text) {
        return message(text(text));
    }

    /** A call of one tool. */
    static Message call(String tool, Map<String, Object> input) {
        return message(tool(tool, input));
    }

    /** The agent's answer through Claude Code's StructuredOutput tool ({@code --json-schema}). */
    static Message answer(Map<String, Object> fields) {
        return call("StructuredOutput", fields);
    }

    /** The agent's answer through cfn's own tool ({@code report_result} of the orchestrator's MCP endpoint). */
    static Message report(Map<String, Object> fields) {
        return call("mcp__cfn__report_result", fields);
    }

    /** A load of skills through cfn's {@code skills_for_agent} tool. */
    static Message loadSkills(String agentType) {
        return call("mcp__cfn__skills_for_agent", Map.of("agent_type", agentType));
    }

    /** An HTTP error such as 500 ({@code api_error}) or 429 ({@code rate_limit_error}). */
    static Failure error(int status, String type, String message) {
        return new Failure(status, type, message, -1);
    }

    /** A 429 ({@code rate_limit_error}) with {@code Retry-After: seconds}. */
    static Failure rateLimited(int seconds) {
        return new Failure(429, "rate_limit_error", "Rate limited: retry after " + seconds + " s", seconds);
    }

    /** A reply whose stream starts and then stalls until the server closes. */
    static Hang hang() {
        return new Hang();
    }

    /**
     * A content block: text, or a tool call (name and input).
     *
     * @param text the text, or null for a tool call
     */
    record Block(String text, String tool, Map<String, Object> input) {
        public Block {
            if ((text == null) == (tool == null)) {
                throw new IllegalArgumentException("a block is either text or a tool call");
            }
            input = input == null ? Map.of() : Map.copyOf(input);
        }
    }

    /**
     * A streamed message and the usage it reports.
     *
     * @param stopReason {@code end_turn} or {@code tool_use}
     */
    record Message(
            List<Block> blocks,
            String stopReason,
            long inputTokens,
            long outputTokens,
            long cacheReadTokens,
            long cacheWriteTokens)
            implements ScriptedReply {
        public Message {
            blocks = List.copyOf(blocks);
            Objects.requireNonNull(stopReason, "stopReason");
        }

        /** The same message reporting other token counts. */
        public Message usage(long input, long output, long cacheRead, long cacheWrite) {
            return new Message(blocks, stopReason, input, output, cacheRead, cacheWrite);
        }
    }

    /**
     * An HTTP error reply.
     *
     * @param retryAfterSeconds the {@code Retry-After} header's seconds, or -1 for none
     */
    record Failure(int status, String type, String message, int retryAfterSeconds) implements ScriptedReply {}

    /** A reply that never completes. */
    record Hang() implements ScriptedReply {}
}
