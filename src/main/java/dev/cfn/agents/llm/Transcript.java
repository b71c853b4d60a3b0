package dev.cfn.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.Usage;
import dev.cfn.agents.llm.tools.ToolCall;
import dev.cfn.agents.llm.tools.ToolOutcome;
import dev.cfn.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * An API agent's conversation, one JSON event a line, gzip-compressed where Claude Code agents keep
 * theirs ({@link AgentFiles#transcript}), so {@code cfn loop show ID --agent-id A --transcript}
 * shows either: {@code system} (provider, model, tools, the system prompt), {@code user}, {@code
 * assistant} (text, tool calls, stop reason, usage), {@code tool_result}, {@code retry}, and {@code
 * result}. Never holds a key. A transcript that cannot be written is given up silently (the agent
 * runs on). Used by one agent's loop.
 */
final class Transcript implements AutoCloseable {
    private Writer out;

    private Transcript(Writer out) {
        this.out = out;
    }

    static Transcript open(AgentInvocation inv) {
        try {
            var file = AgentFiles.file(inv, AgentFiles.TRANSCRIPT);
            return new Transcript(new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(file), 8192), StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return new Transcript(null);
        }
    }

    void system(String provider, String model, List<String> tools, String system) {
        write(event("system", "provider", provider, "model", model, "tools", tools, "system", system));
    }

    void user(String text) {
        write(event("user", "text", text));
    }

    void assistant(int turn, ModelReply reply) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (ToolCall c : reply.calls()) {
            calls.add(event("tool_use", "id", c.id(), "name", c.name(), "input", c.input()));
        }
        write(event(
                "assistant",
                "turn",
                turn,
                "model",
                reply.model(),
                "text",
                reply.text(),
                "tool_calls",
                calls,
                "stop_reason",
                reply.stopReason(),
                "usage",
                Map.of(
                        "input_tokens", reply.inputTokens(),
                        "output_tokens", reply.outputTokens(),
                        "cache_read_input_tokens", reply.cacheReadTokens(),
                        "cache_creation_input_tokens", reply.cacheWriteTokens())));
    }

    void toolResult(ToolCall call, ToolOutcome outcome) {
        write(event(
                "tool_result",
                "id",
                call.id(),
                "name",
                call.name(),
                "is_error",
                outcome.error(),
                "content",
                outcome.text()));
    }

    void retry(int attempt, ApiFailure failure, long waitMs) {
        write(event(
                "retry",
                "attempt",
                attempt,
                "status",
                failure.status(),
                "error",
                failure.getMessage(),
                "wait_ms",
                waitMs));
    }

    void result(String status, String reason, Usage usage) {
        write(event(
                "result",
                "status",
                status,
                "reason",
                reason,
                "num_turns",
                usage.turns(),
                "usage",
                Map.of(
                        "input_tokens", usage.inputTokens(),
                        "output_tokens", usage.outputTokens(),
                        "cache_read_input_tokens", usage.cacheReadTokens(),
                        "cache_creation_input_tokens", usage.cacheWriteTokens()),
                "total_cost_usd",
                usage.costUsd(),
                "api_ms",
                usage.apiMs()));
    }

    private static Map<String, Object> event(String type, Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private void write(Map<String, Object> event) {
        if (out == null) {
            return;
        }
        try {
            out.write(Json.mapper().writeValueAsString(event));
            out.write('\n');
        } catch (JsonProcessingException e) {
            // an event that cannot be written is left out
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the transcript is a record, not the result
            }
            out = null;
        }
    }
}
