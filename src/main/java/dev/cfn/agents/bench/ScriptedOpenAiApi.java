package dev.cfn.agents.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cfn.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Never talks to the internet. Thread-safe.
 */
public final class ScriptedOpenAiApi implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();

    static {
        // The JDK server writes a reply's headers and body apart: without TCP_NODELAY the body waits for
        // the client's delayed ACK (40 ms), which would be measured as the model's time. Read once, by
        // the first server this JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Deque<ScriptedReply>> scripts = new LinkedHashMap<>();
    private final Map<String, Integer> cycles = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final InFlight inFlight = new InFlight();

    /**
     * One request as received.
     *
     * @param apiKey the bearer token, empty when none
     */
    public record Request(String path, String apiKey, Map<String, Object> body) {
        /** The system message's text. */
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
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1 with no script. */
    public static ScriptedOpenAiApi start() throws IOException {
        return new ScriptedOpenAiApi();
    }

    /** The base URL as OpenAI-compatible servers publish it: ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Replies for requests whose system message holds {@code marker}; an empty marker is the default script. */
    public synchronized ScriptedOpenAiApi script(String marker, ScriptedReply... replies) {
        scripts.computeIfAbsent(marker, m -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Replies for the agent {@code name} (cfn's system prompt names it). */
    public ScriptedOpenAiApi forAgent(String name, ScriptedReply... replies) {
        return script(ScriptedMessagesApi.agentMarker(name), replies);
    }

    /** As {@link #script}, the replies given again and again. */
    public synchronized ScriptedOpenAiApi repeat(String marker, ScriptedReply... replies) {
        scripts.put(marker, new ArrayDeque<>(List.of(replies)));
        cycles.put(marker, 0);
        return this;
    }

    /** Each reply waits this long before it is sent (a slow model), so concurrency shows at the server. */
    public ScriptedOpenAiApi latency(Duration delay) {
        inFlight.latency(delay);
        return this;
    }

    /** The most requests answered at once since the start or the last {@link #resetMaxInFlight()}. */
    public int maxInFlight() {
        return inFlight.max();
    }

    public void resetMaxInFlight() {
        inFlight.reset();
    }

    /** For each request in order of arrival, how many were being answered then (itself included). */
    public List<Integer> inFlightAtArrival() {
        return inFlight.arrivals();
    }

    /**
     * Forgets the requests so far and their {@link #inFlightAtArrival()} (a benchmark's endless runs
     * keep only what they read: the lists would grow, and cost, with every request).
     */
    public void clearRequests() {
        requests.clear();
        inFlight.clearArrivals();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsOf(String name) {
        String marker = ScriptedMessagesApi.agentMarker(name);
        return requests.stream().filter(r -> r.system().contains(marker)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            Map<String, Object> body = readBody(exchange);
            String auth = exchange.getRequestHeaders().getFirst("authorization");
            Request request = new Request(
                    exchange.getRequestURI().toString(), auth == null ? "" : auth.replaceFirst("^Bearer ", ""), body);
            requests.add(request);
            ScriptedReply reply = next(request);
            inFlight.enter();
            boolean answered = false;
            try {
                switch (reply) {
                    case ScriptedReply.Message m -> {
                        inFlight.delay();
                        answered = inFlight.exit(); // before the reply leaves: a client may send its next at once
                        if (Boolean.TRUE.equals(body.get("stream"))) {
                            stream(exchange, m, includeUsage(body));
                        } else {
                            send(exchange, 200, "application/json", json(whole(m)));
                        }
                    }
                    case ScriptedReply.Failure f -> {
                        answered = inFlight.exit();
                        fail(exchange, f);
                    }
                    case ScriptedReply.Hang h -> hang(exchange);
                }
            } finally {
                if (!answered) {
                    inFlight.exit();
                }
            }
        }
    }

    private static boolean includeUsage(Map<String, Object> body) {
        return body.get("stream_options") instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get("include_usage"));
    }

    private synchronized ScriptedReply next(Request request) {
        String system = request.system();
        String chosen = null;
        for (String marker : scripts.keySet()) {
            if (!marker.isEmpty() && system.contains(marker)) {
                chosen = marker;
                break;
            }
        }
        if (chosen == null && scripts.containsKey("")) {
            chosen = "";
        }
        ScriptedReply reply = null;
        if (chosen != null) {
            Deque<ScriptedReply> replies = scripts.get(chosen);
            Integer at = cycles.get(chosen);
            if (at == null) {
                reply = replies.pollFirst();
            } else if (!replies.isEmpty()) {
                reply = List.copyOf(replies).get(at % replies.size());
                cycles.put(chosen, at + 1);
            }
        }
        return reply != null
                ? reply
                : ScriptedReply.error(500, "server_error", "the scripted server has no reply left for this request");
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

    private void stream(HttpExchange exchange, ScriptedReply.Message m, boolean usage) throws IOException {
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
        send(exchange, 200, "text/event-stream", sse.toString());
    }

    private Map<String, Object> whole(ScriptedReply.Message m) {
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

    private static void fail(HttpExchange exchange, ScriptedReply.Failure f) throws IOException {
        if (f.retryAfterSeconds() >= 0) {
            exchange.getResponseHeaders().add("retry-after", Integer.toString(f.retryAfterSeconds()));
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", f.message());
        error.put("type", f.type());
        error.put("code", null);
        send(exchange, f.status(), "application/json", json(Map.of("error", error)));
    }

    private void hang(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": scripted stall\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void data(StringBuilder sse, Map<String, Object> chunk) {
        sse.append("data: ").append(json(chunk)).append("\n\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, Object> readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            return JSON.readValue(bytes, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    /** Stops the server: stalled replies end, no new request is read. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
