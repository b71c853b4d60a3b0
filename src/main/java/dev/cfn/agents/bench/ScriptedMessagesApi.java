package dev.cfn.agents.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted Anthropic Messages API on 127.0.0.1 that speaks the real wire format: {@code POST
 * /v1/messages} streamed as server-sent events ({@code message_start}, {@code content_block_*} with
 * text and {@code input_json_delta} tool input, {@code message_delta} with the usage, {@code
 * message_stop}), or an HTTP error in the API's error shape. What Claude Code (or any client) is
 * told comes from scripts: a request takes the next reply of the first script whose marker occurs
 * in its system prompt ({@link #forAgent} marks an agent by cfn's system prompt), else of the
 * default script; a request of no script, or past its end, gets a 500 that says so. Every request
 * is logged. For tests and for {@code cfn agent bench}: never talks to the internet. Thread-safe. The
 * server, the scripts, the log and the counts are {@link ScriptedApiServer}'s; this class has the
 * wire format.
 */
public final class ScriptedMessagesApi extends ScriptedApiServer<ScriptedMessagesApi.Request, ScriptedMessagesApi> {
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger tools = new AtomicInteger();

    /**
     * One request as received.
     *
     * @param apiKey the {@code x-api-key} header (or the bearer token), empty when none
     * @param body the JSON body
     */
    public record Request(String path, String apiKey, Map<String, Object> body) implements Received {
        /** The system prompt as text (its blocks joined). */
        @Override
        public String system() {
            return flatten(body.get("system"));
        }

        /** The messages as text, role by role: what the client sent of the conversation so far. */
        public String conversation() {
            return flatten(body.get("messages"));
        }

        public int messageCount() {
            return body.get("messages") instanceof List<?> l ? l.size() : 0;
        }
    }

    private ScriptedMessagesApi() throws IOException {
        super("", "api_error", Map.of("request-id", "req_scripted"));
    }

    /** Starts a server on a free port of 127.0.0.1 with no script; its base URL is for {@code ANTHROPIC_BASE_URL}. */
    public static ScriptedMessagesApi start() throws IOException {
        return new ScriptedMessagesApi().listen();
    }

    @Override
    Request request(HttpExchange exchange, Map<String, Object> body) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        String bearer = bearer(exchange);
        return new Request(exchange.getRequestURI().toString(), key != null ? key : bearer == null ? "" : bearer, body);
    }

    /** A message as one JSON document (a request with {@code "stream": false}). */
    @Override
    Map<String, Object> whole(ScriptedReply.Message m) {
        List<Map<String, Object>> content = new ArrayList<>();
        for (ScriptedReply.Block b : m.blocks()) {
            content.add(
                    b.text() != null
                            ? Map.of("type", "text", "text", b.text())
                            : Map.of(
                                    "type",
                                    "tool_use",
                                    "id",
                                    "toolu_scripted_" + tools.incrementAndGet(),
                                    "name",
                                    b.tool(),
                                    "input",
                                    b.input()));
        }
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("id", "msg_scripted_" + messages.incrementAndGet());
        msg.put("type", "message");
        msg.put("role", "assistant");
        msg.put("model", "claude-scripted");
        msg.put("content", content);
        msg.put("stop_reason", m.stopReason());
        msg.put("stop_sequence", null);
        msg.put(
                "usage",
                Map.of(
                        "input_tokens", m.inputTokens(),
                        "output_tokens", m.outputTokens(),
                        "cache_read_input_tokens", m.cacheReadTokens(),
                        "cache_creation_input_tokens", m.cacheWriteTokens()));
        return msg;
    }

    @Override
    String stream(ScriptedReply.Message m, Map<String, Object> body) {
        StringBuilder sse = new StringBuilder();
        String id = "msg_scripted_" + messages.incrementAndGet();
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", m.inputTokens());
        usage.put("output_tokens", 1);
        usage.put("cache_read_input_tokens", m.cacheReadTokens());
        usage.put("cache_creation_input_tokens", m.cacheWriteTokens());
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("id", id);
        start.put("type", "message");
        start.put("role", "assistant");
        start.put("model", "claude-scripted");
        start.put("content", List.of());
        start.put("stop_reason", null);
        start.put("stop_sequence", null);
        start.put("usage", usage);
        event(sse, Map.of("type", "message_start", "message", start));
        for (int i = 0; i < m.blocks().size(); i++) {
            block(sse, i, m.blocks().get(i));
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", m.stopReason());
        delta.put("stop_sequence", null);
        event(sse, Map.of("type", "message_delta", "delta", delta, "usage", Map.of("output_tokens", m.outputTokens())));
        event(sse, Map.of("type", "message_stop"));
        return sse.toString();
    }

    private void block(StringBuilder sse, int index, ScriptedReply.Block b) {
        if (b.text() != null) {
            event(
                    sse,
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            index,
                            "content_block",
                            Map.of("type", "text", "text", "")));
            event(
                    sse,
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            index,
                            "delta",
                            Map.of("type", "text_delta", "text", b.text())));
        } else {
            String toolId = "toolu_scripted_" + tools.incrementAndGet();
            event(
                    sse,
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            index,
                            "content_block",
                            Map.of("type", "tool_use", "id", toolId, "name", b.tool(), "input", Map.of())));
            event(
                    sse,
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            index,
                            "delta",
                            Map.of("type", "input_json_delta", "partial_json", json(b.input()))));
        }
        event(sse, Map.of("type", "content_block_stop", "index", index));
    }

    @Override
    Map<String, Object> error(ScriptedReply.Failure f) {
        return Map.of("type", "error", "error", Map.of("type", f.type(), "message", f.message()));
    }

    private static void event(StringBuilder sse, Map<String, Object> data) {
        event(sse, (String) data.get("type"), data);
    }

    private static String flatten(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(flatten(item)));
            return String.join("\n", parts);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            for (String key : List.of("role", "text", "content", "input")) {
                if (map.get(key) != null) {
                    parts.add(key.equals("input") ? json(map.get(key)) : flatten(map.get(key)));
                }
            }
            return String.join("\n", parts);
        }
        return value == null ? "" : value.toString();
    }
}
