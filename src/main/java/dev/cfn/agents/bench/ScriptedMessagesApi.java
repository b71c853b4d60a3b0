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
 * A scripted Anthropic Messages API on 127.0.0.1 that speaks the real wire format: {@code POST
 * /v1/messages} streamed as server-sent events ({@code message_start}, {@code content_block_*} with
 * text and {@code input_json_delta} tool input, {@code message_delta} with the usage, {@code
 * message_stop}), or an HTTP error in the API's error shape. What Claude Code (or any client) is
 * told comes from scripts: a request takes the next reply of the first script whose marker occurs
 * in its system prompt ({@link #forAgent} marks an agent by cfn's system prompt), else of the
 * default script; a request of no script, or past its end, gets a 500 that says so. Every request
 * is logged. For tests and for {@code cfn agent bench}: never talks to the internet. Thread-safe.
 */
public final class ScriptedMessagesApi implements AutoCloseable {
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
    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger tools = new AtomicInteger();
    private final InFlight inFlight = new InFlight();

    /**
     * One request as received.
     *
     * @param apiKey the {@code x-api-key} header (or the bearer token), empty when none
     * @param body the JSON body
     */
    public record Request(String path, String apiKey, Map<String, Object> body) {
        /** The system prompt as text (its blocks joined). */
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
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on a free port of 127.0.0.1 with no script. */
    public static ScriptedMessagesApi start() throws IOException {
        return new ScriptedMessagesApi();
    }

    /** The base URL for {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies for requests whose system prompt holds {@code marker}; an empty marker is the default script. */
    public synchronized ScriptedMessagesApi script(String marker, ScriptedReply... replies) {
        scripts.computeIfAbsent(marker, m -> new Script(false)).replies.addAll(List.of(replies));
        return this;
    }

    /** Replies for the agent {@code name} (cfn's system prompt names it). */
    public ScriptedMessagesApi forAgent(String name, ScriptedReply... replies) {
        return script(agentMarker(name), replies);
    }

    /** As {@link #script}, the replies given again and again (a benchmark's endless runs). */
    public synchronized ScriptedMessagesApi repeat(String marker, ScriptedReply... replies) {
        Script s = new Script(true);
        s.replies.addAll(List.of(replies));
        scripts.put(marker, s);
        return this;
    }

    /** The marker of an agent's requests: how cfn's system prompt starts. */
    public static String agentMarker(String name) {
        return "You are the agent '" + name + "'";
    }

    /**
     * Forgets the requests so far and their {@link #inFlightAtArrival()} (a benchmark's endless runs
     * keep only what they read: the lists would grow, and cost, with every request).
     */
    public void clearRequests() {
        requests.clear();
        inFlight.clearArrivals();
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of the agent {@code name}. */
    public List<Request> requestsOf(String name) {
        return requests.stream()
                .filter(r -> r.system().contains(agentMarker(name)))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1); // HEAD probes of a client's connectivity check
                return;
            }
            Map<String, Object> body = readBody(exchange);
            Request request = new Request(exchange.getRequestURI().toString(), apiKey(exchange), body);
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
                            stream(exchange, m);
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

    /** Each reply waits this long before it is sent (a slow model), so concurrency shows at the server. */
    public ScriptedMessagesApi latency(java.time.Duration delay) {
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

    /** A message as one JSON document (a request with {@code "stream": false}). */
    private Map<String, Object> whole(ScriptedReply.Message m) {
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

    private synchronized ScriptedReply next(Request request) {
        String system = request.system();
        Script script = null;
        for (Map.Entry<String, Script> e : scripts.entrySet()) {
            if (!e.getKey().isEmpty() && system.contains(e.getKey())) {
                script = e.getValue();
                break;
            }
        }
        if (script == null) {
            script = scripts.get("");
        }
        ScriptedReply reply = script == null ? null : script.next();
        return reply != null
                ? reply
                : ScriptedReply.error(500, "api_error", "the scripted server has no reply left for this request");
    }

    private void stream(HttpExchange exchange, ScriptedReply.Message m) throws IOException {
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
        send(exchange, 200, "text/event-stream", sse.toString());
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

    private static void fail(HttpExchange exchange, ScriptedReply.Failure f) throws IOException {
        if (f.retryAfterSeconds() >= 0) {
            exchange.getResponseHeaders().add("retry-after", Integer.toString(f.retryAfterSeconds()));
        }
        String body = json(Map.of("type", "error", "error", Map.of("type", f.type(), "message", f.message())));
        send(exchange, f.status(), "application/json", body);
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

    private static void event(StringBuilder sse, Map<String, Object> data) {
        sse.append("event: ")
                .append(data.get("type"))
                .append("\ndata: ")
                .append(json(data))
                .append("\n\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", type);
        exchange.getResponseHeaders().add("request-id", "req_scripted");
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

    private static String apiKey(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        String bearer = exchange.getRequestHeaders().getFirst("authorization");
        return key != null ? key : bearer == null ? "" : bearer.replaceFirst("^Bearer ", "");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
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

    /** Stops the server: stalled replies end, no new request is read. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private static final class Script {
        final Deque<ScriptedReply> replies = new ArrayDeque<>();
        final boolean cyclic;
        private int position;

        Script(boolean cyclic) {
            this.cyclic = cyclic;
        }

        ScriptedReply next() {
            if (!cyclic) {
                return replies.pollFirst();
            }
            if (replies.isEmpty()) {
                return null;
            }
            ScriptedReply r = List.copyOf(replies).get(position % replies.size());
            position++;
            return r;
        }
    }
}
