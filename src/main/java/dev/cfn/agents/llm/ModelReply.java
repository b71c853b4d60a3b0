package dev.cfn.agents.llm;

import dev.cfn.agents.llm.tools.ToolCall;
import java.util.List;

/**
 * What one call answered.
 *
 * @param model the model the API says answered (for pricing), or null
 * @param stopReason as the API wrote it ({@code end_turn}, {@code tool_use}, {@code stop}, {@code
 *     tool_calls}, {@code max_tokens}, {@code length} ...)
 * @param inputTokens uncached input tokens
 */
public record ModelReply(
        String text,
        List<ToolCall> calls,
        String stopReason,
        String model,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens) {
    public ModelReply {
        text = text == null ? "" : text;
        calls = List.copyOf(calls);
        stopReason = stopReason == null ? "" : stopReason;
    }
}
