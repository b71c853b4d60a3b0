package dev.cfn.agents.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted OpenAI-compatible Chat Completions API on 127.0.0.1, the twin of {@link
 * ScriptedMessagesApi} for {@code runtime: openai}: {@code POST /v1/chat/completions} answered with
 * the same {@link ScriptedReply} scripts, streamed as the real API streams ({@code data:} chunks
 * with {@code delta.content} and {@code delta.tool_calls}, a {@code finish_reason}, the usage in a
 * last chunk without choices when {@code stream_options.include_usage} asks for it, {@code data:
 * [DONE]}), or as one {@code chat.completion} JSON document when the request does not stream;
 * errors in the API's error shape, with {@code Retry-After} when scripted. A request takes the next
 * reply of the first script whose marker occurs in its system message, else of the default script.
 * Never talks to the internet. Thread-safe. The server, the scripts, the log and the counts are
 * {@link ScriptedApiServer}'s; this class has the wire format.
 */
public final class ScriptedOpenAiApi extends ScriptedApiServer<ScriptedOpenAiApi.Request, ScriptedOpenAiApi> {
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * One request as received.
     *
     * @param apiKey the bearer token, empty when none
     */
    public record Request(String path, String apiKey, Map<String, Object> body) implements Received {
        /** The system message's text. */
        @Override
        public String system() {
            return messages().stream()
                    .filter(m -> "system".equals(m.get("role")) || "developer".equals(m.get("role")))
                    .map(m -> String.valueOf(m.get("content")))
                    .findFirst()
                    .orElse("");
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> messages() {
            return body.get("messages") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        }

        /** The messages as text, one a line: role and content (and tool calls' arguments). */
        public String conversation() {
            StringBuilder s = new StringBuilder();
            for (Map<String, Object> m : messages()) {
                s.append(m.get("role")).append(": ").append(m.get("content"));
                if (m.get("tool_calls") != null) {
                    s.append(' ').append(json(m.get("tool_calls")));
                }
                s.append('\n');
            }
            return s.toString();
        }
    }

    private ScriptedOpenAiApi() throws IOException {
        super("/v1", "server_error", Map.of());
    }

    /**
     * Starts a server on a free port of 127.0.0.1 with no script; its base URL ends in {@code /v1}, as
     * OpenAI-compatible servers publish it.
     */
    public static ScriptedOpenAiApi start() throws IOException {
        return new ScriptedOpenAiApi().listen();
    }

    @Override
    Request request(HttpExchange exchange, Map<String, Object> body) {
        String token = bearer(exchange);
        return new Request(exchange.getRequestURI().toString(), token == null ? "" : token, body);
    }

    private static boolean includeUsage(Map<String, Object> body) {
        return body.get("stream_options") instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get("include_usage"));
    }

    private Map<String, Object> chunk(String id, List<Object> choices) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", 1_700_000_000);
        c.put("model", "gpt-scripted");
        c.put("choices", choices);
        return c;
    }

    private static Map<String, Object> choice(Map<String, Object> delta, String finish) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("index", 0);
        c.put("delta", delta);
        c.put("finish_reason", finish);
        return c;
    }

    @Override
    String stream(ScriptedReply.Message m, Map<String, Object> body) {
        boolean usage = includeUsage(body);
        String id = "chatcmpl-scripted-" + ids.incrementAndGet();
        StringBuilder sse = new StringBuilder();
        data(sse, chunk(id, List.of(choice(Map.of("role", "assistant", "content", ""), null))));
        int call = 0;
        for (ScriptedReply.Block b : m.blocks()) {
            if (b.text() != null) {
                data(sse, chunk(id, List.of(choice(Map.of("content", b.text()), null))));
            } else {
                Map<String, Object> tc = new LinkedHashMap<>();
                tc.put("index", call++);
                tc.put("id", "call_scripted_" + ids.incrementAndGet());
                tc.put("type", "function");
                tc.put("function", Map.of("name", b.tool(), "arguments", ""));
                data(sse, chunk(id, List.of(choice(Map.of("tool_calls", List.of(tc)), null))));
                Map<String, Object> args = Map.of("index", call - 1, "function", Map.of("arguments", json(b.input())));
                data(sse, chunk(id, List.of(choice(Map.of("tool_calls", List.of(args)), null))));
            }
        }
        data(sse, chunk(id, List.of(choice(Map.of(), finish(m)))));
        if (usage) {
            Map<String, Object> last = chunk(id, List.of());
            last.put("usage", usage(m));
            data(sse, last);
        }
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    @Override
    Map<String, Object> whole(ScriptedReply.Message m) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        List<Object> calls = new ArrayList<>();
        for (ScriptedReply.Block b : m.blocks()) {
            if (b.text() != null) {
                text.append(b.text());
            } else {
                calls.add(Map.of(
                        "id",
                        "call_scripted_" + ids.incrementAndGet(),
                        "type",
                        "function",
                        "function",
                        Map.of("name", b.tool(), "arguments", json(b.input()))));
            }
        }
        message.put("content", text.isEmpty() ? null : text.toString());
        if (!calls.isEmpty()) {
            message.put("tool_calls", calls);
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", finish(m));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", "chatcmpl-scripted-" + ids.incrementAndGet());
        c.put("object", "chat.completion");
        c.put("created", 1_700_000_000);
        c.put("model", "gpt-scripted");
        c.put("choices", List.of(choice));
        c.put("usage", usage(m));
        return c;
    }

    private static String finish(ScriptedReply.Message m) {
        return m.stopReason().equals("tool_use") ? "tool_calls" : "stop";
    }

    /** The usage as Chat Completions counts it: prompt tokens include the cached ones. */
    private static Map<String, Object> usage(ScriptedReply.Message m) {
        long prompt = m.inputTokens() + m.cacheReadTokens();
        return Map.of(
                "prompt_tokens",
                prompt,
                "completion_tokens",
                m.outputTokens(),
                "total_tokens",
                prompt + m.outputTokens(),
                "prompt_tokens_details",
                Map.of("cached_tokens", m.cacheReadTokens()));
    }

    @Override
    Map<String, Object> error(ScriptedReply.Failure f) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", f.message());
        error.put("type", f.type());
        error.put("code", null);
        return Map.of("error", error);
    }

    private static void data(StringBuilder sse, Map<String, Object> chunk) {
        event(sse, null, chunk);
    }
}
