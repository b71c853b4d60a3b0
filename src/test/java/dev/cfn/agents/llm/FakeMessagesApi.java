package dev.cfn.agents.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 that speaks enough of the Anthropic Messages API for tests: it
 * answers with the model asked for and the usage set in {@link #inputTokens} and {@link #outputTokens}.
 */
public final class FakeMessagesApi implements AutoCloseable {
    public enum Mode {
        ANSWER,
        OVERLOADED,
        HANG
    }

    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    /** The key each request carried (as x-api-key or as a bearer token: the SDK chooses). */
    final List<String> apiKeys = new CopyOnWriteArrayList<>();

    public volatile Mode mode = Mode.ANSWER;
    public volatile String replyText = "Done.\n{\"confidence\": 0.8, \"summary\": \"wrote it\", \"files\": [\"a.py\"]}";
    public volatile long inputTokens = 321;
    public volatile long outputTokens = 45;
    /** When set, each answer waits until it is counted down (a test lets the model answer when it wants). */
    public volatile CountDownLatch hold;

    public FakeMessagesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/messages", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange exchange) throws IOException {
        Map<String, Object> request = new ObjectMapper().readValue(exchange.getRequestBody(), Map.class);
        requests.add(request);
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        String bearer = exchange.getRequestHeaders().getFirst("authorization");
        apiKeys.add(key != null ? key : bearer == null ? "" : bearer.replaceFirst("^Bearer ", ""));
        CountDownLatch wait = hold;
        if (wait != null) {
            try {
                wait.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        switch (mode) {
            case HANG -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case OVERLOADED ->
                send(
                        exchange,
                        529,
                        Map.of("type", "error", "error", Map.of("type", "overloaded_error", "message", "Overloaded")));
            case ANSWER -> {
                if (Boolean.TRUE.equals(request.get("stream"))) {
                    stream(exchange, String.valueOf(request.get("model")));
                    return;
                }
                send(
                        exchange,
                        200,
                        Map.of(
                                "id", "msg_01",
                                "type", "message",
                                "role", "assistant",
                                "model", String.valueOf(request.get("model")),
                                "content", List.of(Map.of("type", "text", "text", replyText)),
                                "stop_reason", "end_turn",
                                "usage", Map.of("input_tokens", inputTokens, "output_tokens", outputTokens)));
            }
        }
    }

    /** The same answer streamed as server-sent events (what a streaming client asks for). */
    private void stream(HttpExchange exchange, String model) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sse = new StringBuilder();
        List<Map<String, Object>> events = List.of(
                Map.of(
                        "type",
                        "message_start",
                        "message",
                        Map.of(
                                "id",
                                "msg_01",
                                "type",
                                "message",
                                "role",
                                "assistant",
                                "model",
                                model,
                                "content",
                                List.of(),
                                "usage",
                                Map.of("input_tokens", inputTokens, "output_tokens", 1))),
                Map.of("type", "content_block_start", "index", 0, "content_block", Map.of("type", "text", "text", "")),
                Map.of(
                        "type",
                        "content_block_delta",
                        "index",
                        0,
                        "delta",
                        Map.of("type", "text_delta", "text", replyText)),
                Map.of("type", "content_block_stop", "index", 0),
                Map.of(
                        "type", "message_delta",
                        "delta", Map.of("stop_reason", "end_turn"),
                        "usage", Map.of("output_tokens", outputTokens)),
                Map.of("type", "message_stop"));
        for (Map<String, Object> e : events) {
            sse.append("event: ")
                    .append(e.get("type"))
                    .append("\ndata: ")
                    .append(json.writeValueAsString(e))
                    .append("\n\n");
        }
        byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = new ObjectMapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** How many Messages API calls it answered or refused. */
    public int calls() {
        return requests.size();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
