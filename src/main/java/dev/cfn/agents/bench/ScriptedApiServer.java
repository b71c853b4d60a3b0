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
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a scripted model API on 127.0.0.1 does whatever its wire format: the JDK HTTP server, the
 * scripts ({@link ScriptedReply} queues, one per marker), the request log, the in-flight counts and
 * the reply latency, failures (with {@code Retry-After}) and stalls, the dispatch between a streamed
 * and a whole reply. A wire format ({@link ScriptedMessagesApi}, {@link ScriptedOpenAiApi}) keeps
 * only its own: how it reads a request, how its replies, events and errors look. A request takes the
 * next reply of the first script whose marker occurs in its system prompt, else of the default
 * script (the empty marker); a request of no script, or past its end, gets a 500 that says so.
 * Thread-safe.
 *
 * @param <R> the format's logged request
 * @param <S> the format itself (the setters return it)
 */
public abstract sealed class ScriptedApiServer<R extends ScriptedApiServer.Received, S extends ScriptedApiServer<R, S>>
        implements AutoCloseable permits ScriptedMessagesApi, ScriptedOpenAiApi {
    static final ObjectMapper JSON = Json.mapper();

    static {
        // The JDK server writes a reply's headers and body apart: without TCP_NODELAY the body waits for
        // the client's delayed ACK (40 ms), which would be measured as the model's time. Read once, by
        // the first server this JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A request as a format logs it: its system prompt routes it to a script. */
    public interface Received {
        /** The system prompt as text. */
        String system();

        /** The JSON body. */
        Map<String, Object> body();
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final List<R> requests = new CopyOnWriteArrayList<>();
    private final InFlight inFlight = new InFlight();
    private final String basePath;
    private final String noReplyType;
    private final Map<String, String> replyHeaders;

    /**
     * @param basePath what {@link #baseUrl()} ends with
     * @param noReplyType the error type of the 500 a request of no script gets
     * @param replyHeaders headers every sent reply carries besides its content type
     */
    ScriptedApiServer(String basePath, String noReplyType, Map<String, String> replyHeaders) throws IOException {
        this.basePath = basePath;
        this.noReplyType = noReplyType;
        this.replyHeaders = replyHeaders;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Starts answering (once the format's own fields are set). */
    final S listen() {
        server.start();
        return self();
    }

    /** The request as this format reads it. */
    abstract R request(HttpExchange exchange, Map<String, Object> body);

    /** A message as one JSON document (a request that does not stream). */
    abstract Map<String, Object> whole(ScriptedReply.Message m);

    /** A message as the server-sent events of a streamed reply. */
    abstract String stream(ScriptedReply.Message m, Map<String, Object> body);

    /** A failure's body in the API's error shape. */
    abstract Map<String, Object> error(ScriptedReply.Failure f);

    /** The base URL a client is given. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    /** Replies for requests whose system prompt holds {@code marker}; an empty marker is the default script. */
    public synchronized S script(String marker, ScriptedReply... replies) {
        scripts.computeIfAbsent(marker, m -> new Script(false)).replies.addAll(List.of(replies));
        return self();
    }

    /** The marker of an agent's requests: how cfn's system prompt starts. */
    public static String agentMarker(String name) {
        return "You are the agent '" + name + "'";
    }

    /** Replies for the agent {@code name} (cfn's system prompt names it). */
    public S forAgent(String name, ScriptedReply... replies) {
        return script(agentMarker(name), replies);
    }

    /** As {@link #script}, the replies given again and again (a benchmark's endless runs). */
    public synchronized S repeat(String marker, ScriptedReply... replies) {
        Script s = new Script(true);
        s.replies.addAll(List.of(replies));
        scripts.put(marker, s);
        return self();
    }

    /** Each reply waits this long before it is sent (a slow model), so concurrency shows at the server. */
    public S latency(Duration delay) {
        inFlight.latency(delay);
        return self();
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
    public List<R> requests() {
        return List.copyOf(requests);
    }

    /** The requests of the agent {@code name}. */
    public List<R> requestsOf(String name) {
        String marker = agentMarker(name);
        return requests.stream().filter(r -> r.system().contains(marker)).toList();
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1); // HEAD probes of a client's connectivity check
                return;
            }
            Map<String, Object> body = readBody(exchange);
            R request = request(exchange, body);
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
                            send(exchange, 200, "text/event-stream", stream(m, body));
                        } else {
                            send(exchange, 200, "application/json", json(whole(m)));
                        }
                    }
                    case ScriptedReply.Failure f -> {
                        answered = inFlight.exit();
                        if (f.retryAfterSeconds() >= 0) {
                            exchange.getResponseHeaders().add("retry-after", Integer.toString(f.retryAfterSeconds()));
                        }
                        send(exchange, f.status(), "application/json", json(error(f)));
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

    private synchronized ScriptedReply next(R request) {
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
                : ScriptedReply.error(500, noReplyType, "the scripted server has no reply left for this request");
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

    private void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", type);
        replyHeaders.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Appends a server-sent event: its {@code event:} line when {@code name} is not null, its JSON data. */
    static void event(StringBuilder sse, String name, Object data) {
        if (name != null) {
            sse.append("event: ").append(name).append('\n');
        }
        sse.append("data: ").append(json(data)).append("\n\n");
    }

    /** The bearer token of the {@code authorization} header, null when none. */
    static String bearer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("authorization");
        return auth == null ? null : auth.replaceFirst("^Bearer ", "");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    private static Map<String, Object> readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        try {
            return JSON.readValue(bytes, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
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
