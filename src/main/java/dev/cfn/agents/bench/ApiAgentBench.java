package dev.cfn.agents.bench;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.Usage;
import dev.cfn.agents.llm.ApiAgentRuntime;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.bench.Samples;
import dev.cfn.json.Json;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What cfn's agent loop costs per model turn on the anthropic or openai runtime, in one run: each
 * sample is one agent of {@value #TURNS} turns (three Read calls of a 200-line file, then the
 * answer) through {@link ApiAgentRuntime} against a scripted server on 127.0.0.1 that answers at
 * once, and, as the same-run baseline paired with it, the same requests (one agent's bodies as cfn
 * sent them, serialised once beforehand) posted bare by the JDK's HTTP client with each streamed
 * reply read to its end; the two go first in turn, after {@value #WARMUP} agents of warm-up. The
 * server's own work is in both, so cfn's time per turn is the difference divided by the turns:
 * building the request with the SDK, parsing the stream, running the tool, the transcript, the
 * progress, the agent's set-up (and what the SDK's HTTP client costs over the JDK's). Also the time
 * spent outside the HTTP call (the tool, the transcript, the progress, the bookkeeping). Target:
 * the paired difference's p50 <= 1 ms. Then {@value #FAN_OUT} agents at once
 * (the server holding each reply 200 ms so they overlap) with the heap measured while they are all
 * in flight: target <= 256 MB. The token split of the answers (input, cache read, cache write) is
 * reported as priced.
 */
public final class ApiAgentBench {
    static final int TURNS = 4;
    static final int FAN_OUT = 100;
    static final double TARGET_TURN_MS = 1.0;
    /**
     * Agents run (cfn and bare) before the samples count: a long-running cfn has its hot paths
     * compiled. The SDKs' code (Jackson, Kotlin, OkHttp) takes long to compile on 2 busy cores: with
     * 20% of the samples (40 agents at the default 200) cfn's own time per turn read 1.7 ms, 0.5 ms
     * once warm.
     */
    static final int WARMUP = 1000;

    static final long TARGET_HEAP_MB = 256;
    private static final String KEY = "cfn-bench-not-a-key";
    private static final ScriptedReply[] SCRIPT = {
        ScriptedReply.call("Read", Map.of("file_path", "src.txt", "offset", 1, "limit", 50)),
        ScriptedReply.call("Read", Map.of("file_path", "src.txt", "offset", 51, "limit", 50)),
        ScriptedReply.call("Read", Map.of("file_path", "src.txt", "offset", 101, "limit", 50)),
        ScriptedReply.say("Read it.\n{\"confidence\": 1.0, \"status\": \"success\", \"summary\": \"read\"}")
    };

    private ApiAgentBench() {}

    /** A scripted server of the runtime's wire format. */
    private static ScriptedApiServer<?, ?> server(RuntimeKind kind) throws IOException {
        return kind == RuntimeKind.OPENAI ? ScriptedOpenAiApi.start() : ScriptedMessagesApi.start();
    }

    /** Where the runtime posts a turn: the endpoint under the server's base URL. */
    private static String path(RuntimeKind kind, ScriptedApiServer<?, ?> server) {
        return server.baseUrl() + (kind == RuntimeKind.OPENAI ? "/chat/completions" : "/v1/messages");
    }

    /**
     * @param kind {@link RuntimeKind#ANTHROPIC} or {@link RuntimeKind#OPENAI}
     * @param samples agents measured one after another (after a warm-up)
     */
    public static Map<String, Object> run(RuntimeKind kind, int samples) throws Exception {
        Path dir = Files.createTempDirectory("cfn-api-bench");
        try (ScriptedApiServer<?, ?> server = server(kind)) {
            Files.createDirectories(dir.resolve("work"));
            StringBuilder file = new StringBuilder();
            for (int i = 1; i <= 200; i++) {
                file.append("line ").append(i).append(": some source text of a typical length\n");
            }
            Files.writeString(dir.resolve("work/src.txt"), file.toString());
            server.repeat("", SCRIPT);
            for (int i = 0; i < FAN_OUT; i++) { // one script per fan-out agent: their turns interleave
                server.repeat(ScriptedApiServer.agentMarker("fan-" + i), SCRIPT);
            }
            Map<String, String> env = env(kind, server.baseUrl());
            try (ApiAgentRuntime runtime = ApiAgentRuntime.create(
                    new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(2), env),
                    env,
                    0,
                    PriceTable.builtIn())) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("runtime", kind.label());
                report.put("samples", samples);
                report.put("turns_per_agent", TURNS);
                report.putAll(perTurn(kind, runtime, server, dir, samples));
                server.latency(Duration.ofMillis(200));
                report.putAll(fanOut(kind, runtime, server, dir));
                report.put("verdict", verdict(report));
                return report;
            }
        } finally {
            ProcessReaper.global().awaitSweeps();
            AgentBench.deleteTree(dir);
        }
    }

    private static Map<String, Object> perTurn(
            RuntimeKind kind, ApiAgentRuntime runtime, ScriptedApiServer<?, ?> server, Path dir, int samples)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Samples cfn = new Samples(samples);
        Samples bare = new Samples(samples);
        Samples paired = new Samples(samples);
        Samples outside = new Samples(samples);
        List<byte[]> bodies = bodies(kind, runtime, server, dir); // one agent's requests, as cfn sent them
        for (int i = -WARMUP; i < samples; i++) {
            boolean cfnFirst = (i & 1) == 0; // alternate who goes first
            AgentResult[] result = new AgentResult[1];
            long cfnNanos;
            long bareNanos;
            if (cfnFirst) {
                cfnNanos = timeCfn(kind, runtime, dir, i, result);
                bareNanos = timeBare(http, path(kind, server), bodies);
            } else {
                bareNanos = timeBare(http, path(kind, server), bodies);
                cfnNanos = timeCfn(kind, runtime, dir, i, result);
            }
            server.clearRequests(); // the server's log would otherwise grow (and cost) with every sample
            if (i >= 0) {
                cfn.add(cfnNanos / TURNS);
                bare.add(bareNanos / TURNS);
                paired.add((cfnNanos - bareNanos) / TURNS);
                outside.add(Math.max(0, cfnNanos - result[0].usage().apiMs() * 1_000_000) / TURNS);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("warmup_agents", WARMUP);
        r.put("bare_http_turn_p50_ms", round(ms(bare.p50())));
        r.put("cfn_turn_p50_ms", round(ms(cfn.p50())));
        r.put("cfn_turn_p99_ms", round(ms(cfn.p99())));
        r.put("cfn_own_time_per_turn_p50_ms", round(ms(cfn.p50()) - ms(bare.p50())));
        r.put("cfn_own_time_per_turn_paired_p50_ms", round(ms(paired.p50())));
        r.put("cfn_outside_the_call_per_turn_p50_ms", round(ms(outside.p50())));
        r.put("target_turn_ms", TARGET_TURN_MS);
        return r;
    }

    /** The request bodies of one bench agent, serialised once: what the bare client posts each sample. */
    private static List<byte[]> bodies(
            RuntimeKind kind, ApiAgentRuntime runtime, ScriptedApiServer<?, ?> server, Path dir) throws Exception {
        server.clearRequests();
        timeCfn(kind, runtime, dir, -1, new AgentResult[1]);
        List<byte[]> bodies = new ArrayList<>();
        for (Map<String, Object> body :
                server.requests().stream().map(ScriptedApiServer.Received::body).toList()) {
            bodies.add(Json.mapper().writeValueAsBytes(body));
        }
        server.clearRequests();
        return bodies;
    }

    /** One agent of {@value #TURNS} turns through cfn. */
    private static long timeCfn(RuntimeKind kind, ApiAgentRuntime runtime, Path dir, int i, AgentResult[] result) {
        AgentInvocation inv = invocation(kind, dir, "bench-reader", "agent-" + (i & 63), Map.of());
        long t0 = System.nanoTime();
        AgentResult r = runtime.run(inv);
        long t1 = System.nanoTime();
        if (r.status() != AgentResult.Status.SUCCESS || r.usage().turns() != TURNS) {
            throw new IllegalStateException(
                    "the bench agent did not answer in " + TURNS + " turns: " + r.confidenceReason());
        }
        result[0] = r;
        return t1 - t0;
    }

    /** The same requests posted bare by the JDK's HTTP client, each reply read to its end. */
    private static long timeBare(HttpClient http, String url, List<byte[]> bodies) throws Exception {
        long t0 = System.nanoTime();
        for (byte[] body : bodies) {
            post(http, url, body);
        }
        return System.nanoTime() - t0;
    }

    private static void post(HttpClient http, String url, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .header("x-api-key", KEY)
                .header("authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the bare request got " + response.statusCode());
        }
    }

    private static Map<String, Object> fanOut(
            RuntimeKind kind, ApiAgentRuntime runtime, ScriptedApiServer<?, ?> server, Path dir) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        List<Future<AgentResult>> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        long inFlightHeap;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Object> extra = Map.of("provider", "bench");
            for (int i = 0; i < FAN_OUT; i++) {
                AgentInvocation inv = invocation(kind, dir, "fan-" + i, "fan-" + i, extra);
                runs.add(pool.submit(() -> runtime.run(inv)));
            }
            Thread.sleep(300); // all agents are waiting on their first or second reply (200 ms each)
            System.gc();
            inFlightHeap = memory.getHeapMemoryUsage().getUsed();
            Usage total = Usage.ZERO;
            for (Future<AgentResult> f : runs) {
                AgentResult r = f.get();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (r.status() != AgentResult.Status.SUCCESS) {
                    throw new IllegalStateException("a fan-out agent failed: " + r.confidenceReason());
                }
                total = total.plus(r.usage());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("concurrent_agents", FAN_OUT);
            m.put("server_max_in_flight", server.maxInFlight());
            m.put("fan_out_wall_ms", round(ms(System.nanoTime() - t0)));
            m.put("heap_before_mb", mb(baseline));
            m.put("heap_live_in_flight_mb", mb(inFlightHeap));
            m.put("heap_max_mb", mb(Runtime.getRuntime().maxMemory()));
            m.put("target_heap_mb", TARGET_HEAP_MB);
            m.put("tokens_input", total.inputTokens());
            m.put("tokens_output", total.outputTokens());
            m.put("tokens_cache_read", total.cacheReadTokens());
            m.put("tokens_cache_write", total.cacheWriteTokens());
            return m;
        }
    }

    private static String verdict(Map<String, Object> r) {
        double own = (Double) r.get("cfn_own_time_per_turn_paired_p50_ms");
        long heap = (Long) r.get("heap_live_in_flight_mb");
        boolean ok = own <= TARGET_TURN_MS && heap <= TARGET_HEAP_MB;
        return (ok ? "PASS" : "FAIL") + ": cfn's own time per model turn " + own + " ms at p50, paired with the bare"
                + " requests of the same sample (target <= "
                + TARGET_TURN_MS + " ms); " + FAN_OUT + " concurrent agents with " + heap
                + " MB of live heap (target <= "
                + TARGET_HEAP_MB + " MB)";
    }

    private static Map<String, String> env(RuntimeKind kind, String baseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put(kind == RuntimeKind.OPENAI ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY", KEY);
        env.put(kind == RuntimeKind.OPENAI ? "OPENAI_BASE_URL" : "ANTHROPIC_BASE_URL", baseUrl);
        env.put("provider.bench.kind", kind.label());
        env.put("provider.bench.base_url", baseUrl);
        env.put("provider.bench.api_key_env", kind == RuntimeKind.OPENAI ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY");
        env.put("provider.bench.max_concurrency", Integer.toString(FAN_OUT));
        return env;
    }

    private static AgentInvocation invocation(
            RuntimeKind kind, Path dir, String name, String id, Map<String, Object> extra) {
        AgentDefinition d = new AgentDefinition(
                name,
                "benchmark agent",
                List.of("Read", "Glob", "Grep"),
                kind == RuntimeKind.OPENAI ? "gpt-4o-mini" : "haiku",
                kind,
                List.of(),
                AgentRole.VALIDATOR,
                Complexity.LOW,
                Duration.ofSeconds(60),
                false,
                null,
                null,
                "Read the file, then answer.",
                dir.resolve("agents/bench-reader.md"),
                extra);
        return new AgentInvocation(
                d,
                "bench",
                "bench-reader-1-" + id,
                1,
                Phase.LOOP2,
                "mvp",
                dir.resolve("work"),
                Map.of("task", "read src.txt"),
                Map.of(),
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
