package dev.cfn.agents.llm;

import static dev.cfn.agents.bench.ScriptedReply.call;
import static dev.cfn.agents.bench.ScriptedReply.rateLimited;
import static dev.cfn.agents.bench.ScriptedReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.bench.ScriptedOpenAiApi;
import dev.cfn.agents.bench.ScriptedReply;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loop of the anthropic and openai runtimes against scripted servers that speak each wire
 * format for real (streamed): tools through turns, path escapes, retries, the concurrency limit,
 * the runaway guard, max_turns, a hanging server, a stop.
 */
class ApiAgentLoopIT {
    private static final String KEY = "sk-test-never-shown-0123456789";
    private static final String ANSWER =
            "Done.\n{\"confidence\": 0.9, \"status\": \"success\", \"summary\": \"wrote greet\", \"files\": [\"greeting.py\"]}";

    /** The scripted servers' models, priced (USD per million tokens: input, output, cache read, cache write). */
    static final PriceTable PRICES = PriceTable.of(
            Map.of("claude-scripted", "3, 15, 0.3, 3.75", "gpt-scripted", "1, 4, 0.5, 0"), "test", w -> {});

    @TempDir
    Path tmp;

    private Path work;
    private ScriptedMessagesApi anthropic;
    private ScriptedOpenAiApi openai;
    private ApiAgentRuntime runtime;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(tmp.resolve("work"));
        Files.createDirectories(tmp.resolve("agents"));
        anthropic = ScriptedMessagesApi.start();
        openai = ScriptedOpenAiApi.start();
        env.put("PATH", System.getenv("PATH"));
        env.put("ANTHROPIC_API_KEY", KEY);
        env.put("ANTHROPIC_BASE_URL", anthropic.baseUrl());
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", openai.baseUrl());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (runtime != null) {
            runtime.close();
        }
        anthropic.close();
        openai.close();
        ProcessReaper.global().awaitSweeps();
    }

    private ApiAgentRuntime runtime() {
        if (runtime == null) {
            runtime = ApiAgentRuntime.create(
                    new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(1), env),
                    env,
                    6,
                    PRICES);
        }
        return runtime;
    }

    private AgentInvocation invocation(RuntimeKind kind, String name, Duration timeout, Map<String, Object> extra) {
        AgentDefinition d = new AgentDefinition(
                name,
                "Writes Python modules",
                List.of(),
                kind == RuntimeKind.OPENAI ? "gpt-scripted" : "sonnet",
                kind,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                null,
                false,
                null,
                null,
                "Write the module.",
                tmp.resolve("agents/" + name + ".md"),
                extra);
        return new AgentInvocation(
                d,
                "task-1",
                name + "-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                work,
                Map.of("task", "write greeting.py"),
                Map.of(),
                timeout,
                tmp.resolve("home/logs"));
    }

    private AgentInvocation invocation(RuntimeKind kind) {
        return invocation(kind, "coder", Duration.ofSeconds(30), Map.of());
    }

    private static ScriptedReply[] writeEditAnswer(Path work) {
        return new ScriptedReply[] {
            call("Write", Map.of("file_path", "greeting.py", "content", "def greet(name):\n    return 'Hi ' + name\n")),
            call(
                    "Edit",
                    Map.of(
                            "file_path", work.resolve("greeting.py").toString(),
                            "old_string", "'Hi ' + name",
                            "new_string", "f'Hello, {name}!'")),
            say(ANSWER)
        };
    }

    @Test
    void an_anthropic_agent_writes_and_edits_files_through_tools_with_cache_breakpoints() throws Exception {
        anthropic.forAgent("coder", writeEditAnswer(work));
        List<AgentProgress> told = new CopyOnWriteArrayList<>();

        AgentResult r = runtime().run(invocation(RuntimeKind.ANTHROPIC).withProgress(told::add));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.9);
        assertThat(Files.readString(work.resolve("greeting.py")))
                .isEqualTo("def greet(name):\n    return f'Hello, {name}!'\n");
        assertThat(r.usage().turns()).isEqualTo(3);
        assertThat(r.usage().inputTokens()).isEqualTo(300);
        assertThat(r.usage().cacheReadTokens()).isEqualTo(150);
        assertThat(r.usage().cacheWriteTokens()).isEqualTo(30);
        assertThat(r.usage().costUsd()).isPositive();
        List<ScriptedMessagesApi.Request> requests = anthropic.requestsOf("coder");
        assertThat(requests).hasSize(3);
        Map<String, Object> first = requests.get(0).body();
        assertThat(first.get("stream")).isEqualTo(true);
        assertThat(String.valueOf(first.get("system"))).contains("cache_control");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) first.get("tools");
        assertThat(tools)
                .extracting(t -> t.get("name"))
                .containsExactly("Read", "Write", "Edit", "Glob", "Grep", "Bash");
        assertThat(tools.get(5)).containsKey("cache_control");
        assertThat(requests.get(1).conversation()).contains("wrote 41 bytes to greeting.py");
        assertThat(requests.get(2).conversation()).contains("replaced 1 occurrence in greeting.py");
        assertThat(requests).allSatisfy(q -> assertThat(q.apiKey()).isEqualTo(KEY));
        assertThat(told)
                .filteredOn(p -> p.kind() == AgentProgress.Kind.TOOL)
                .extracting(AgentProgress::summary)
                .containsExactly("Write greeting.py", "Edit " + work.resolve("greeting.py"));
        String transcript = transcript("coder-1-1");
        assertThat(transcript
                        .lines()
                        .map(l -> l.replaceAll("^\\{\"type\":\"([a-z_]+)\".*", "$1"))
                        .toList())
                .containsExactly(
                        "system",
                        "user",
                        "assistant",
                        "tool_result",
                        "assistant",
                        "tool_result",
                        "assistant",
                        "result");
        assertThat(transcript).doesNotContain(KEY);
    }

    @Test
    void an_openai_agent_runs_the_same_loop_over_chat_completions() throws Exception {
        openai.forAgent("coder", writeEditAnswer(work));

        AgentResult r = runtime().run(invocation(RuntimeKind.OPENAI));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.summary()).isEqualTo("wrote greet");
        assertThat(Files.readString(work.resolve("greeting.py")))
                .isEqualTo("def greet(name):\n    return f'Hello, {name}!'\n");
        assertThat(r.usage().turns()).isEqualTo(3);
        assertThat(r.usage().inputTokens()).isEqualTo(300); // prompt tokens less the cached ones
        assertThat(r.usage().cacheReadTokens()).isEqualTo(150);
        assertThat(r.usage().outputTokens()).isEqualTo(120);
        List<ScriptedOpenAiApi.Request> requests = openai.requestsOf("coder");
        assertThat(requests).hasSize(3);
        Map<String, Object> first = requests.get(0).body();
        assertThat(requests.get(0).path()).isEqualTo("/v1/chat/completions");
        assertThat(first.get("stream")).isEqualTo(true);
        assertThat(first.get("stream_options")).isEqualTo(Map.of("include_usage", true));
        assertThat(first.get("model")).isEqualTo("gpt-scripted");
        assertThat(requests.get(2).messages())
                .extracting(m -> m.get("role"))
                .containsExactly("system", "user", "assistant", "tool", "assistant", "tool");
        assertThat(requests.get(2).conversation()).contains("replaced 1 occurrence in greeting.py");
        assertThat(requests).allSatisfy(q -> assertThat(q.apiKey()).isEqualTo(KEY));
    }

    @Test
    void paths_that_escape_the_workdir_are_tool_errors_the_model_sees_and_nothing_is_touched() throws Exception {
        Files.createSymbolicLink(work.resolve("root"), Path.of("/"));
        openai.forAgent(
                "coder",
                call("Write", Map.of("file_path", "../x", "content", "escaped")),
                call("Read", Map.of("file_path", "/etc/passwd")),
                call("Read", Map.of("file_path", "root/etc/passwd")),
                call("Read", Map.of("file_path", tmp.resolve("agents/coder.md").toString())),
                say(ANSWER));
        Files.writeString(tmp.resolve("agents/coder.md"), "---\nname: coder\n---\n");

        AgentResult r = runtime().run(invocation(RuntimeKind.OPENAI));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(tmp.resolve("x")).doesNotExist();
        List<ScriptedOpenAiApi.Request> requests = openai.requestsOf("coder");
        assertThat(toolMessage(requests.get(1)))
                .startsWith("Error: access denied: '../x' is outside the working folder");
        assertThat(toolMessage(requests.get(2))).startsWith("Error: access denied: '/etc/passwd' is outside");
        assertThat(toolMessage(requests.get(3))).startsWith("Error: access denied: 'root/etc/passwd' is outside");
        assertThat(toolMessage(requests.get(4)))
                .startsWith("Error: access denied: '" + tmp.resolve("agents/coder.md") + "'");
        assertThat(requests.get(4).conversation()).doesNotContain("root:x:0:0");
    }

    private static String toolMessage(ScriptedOpenAiApi.Request request) {
        List<Map<String, Object>> m = request.messages();
        return String.valueOf(m.get(m.size() - 1).get("content"));
    }

    @Test
    void a_429_with_retry_after_is_waited_out_and_the_same_call_repeated() {
        anthropic.forAgent("coder", rateLimited(1), say(ANSWER));

        long t0 = System.nanoTime();
        AgentResult r = runtime().run(invocation(RuntimeKind.ANTHROPIC));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<ScriptedMessagesApi.Request> requests = anthropic.requestsOf("coder");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(r.usage().turns()).isEqualTo(1);
    }

    @Test
    void the_provider_limit_holds_at_the_server_and_halves_after_a_wave_of_429s() throws Exception {
        env.put("provider.slow.kind", "openai");
        env.put("provider.slow.base_url", openai.baseUrl());
        env.put("provider.slow.api_key_env", "SLOW_KEY");
        env.put("provider.slow.max_concurrency", "4");
        env.put("SLOW_KEY", KEY);
        List<ScriptedReply> replies =
                new ArrayList<>(List.of(rateLimited(1), rateLimited(1), rateLimited(1), rateLimited(1)));
        for (int i = 0; i < 12; i++) {
            replies.add(say(ANSWER));
        }
        openai.script("", replies.toArray(ScriptedReply[]::new)).latency(Duration.ofMillis(300));
        List<Future<AgentResult>> runs = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                AgentInvocation inv =
                        invocation(RuntimeKind.OPENAI, "fan-" + i, Duration.ofSeconds(60), Map.of("provider", "slow"));
                runs.add(pool.submit(() -> runtime().run(inv)));
            }
            for (Future<AgentResult> f : runs) {
                assertThat(f.get().status()).isEqualTo(AgentResult.Status.SUCCESS);
            }
        }
        List<Integer> arrivals = openai.inFlightAtArrival();
        assertThat(openai.maxInFlight()).isLessThanOrEqualTo(4);
        assertThat(arrivals).hasSize(16);
        // the four 429s were the first wave; the limit is then 2, so the next calls find at most 2 in flight
        assertThat(arrivals.subList(4, 7)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    }

    @Test
    void the_same_tool_call_three_times_in_a_row_ends_the_agent() {
        ScriptedReply read = call("Read", Map.of("file_path", "missing.txt"));
        anthropic.forAgent("coder", read, read, read, say(ANSWER));

        AgentResult r = runtime().run(invocation(RuntimeKind.ANTHROPIC));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidenceReason()).isEqualTo("runaway: the same Read call 3 times in a row (Read missing.txt)");
        assertThat(anthropic.requestsOf("coder")).hasSize(3);
        assertThat(r.usage().turns()).isEqualTo(3);
    }

    @Test
    void max_turns_ends_the_agent() {
        anthropic.forAgent(
                "coder",
                call("Glob", Map.of("pattern", "*.a")),
                call("Glob", Map.of("pattern", "*.b")),
                call("Glob", Map.of("pattern", "*.c")));

        AgentResult r = runtime()
                .run(invocation(RuntimeKind.ANTHROPIC, "coder", Duration.ofSeconds(30), Map.of("max_turns", 2)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidenceReason()).isEqualTo("max_turns (2) reached without an answer");
        assertThat(anthropic.requestsOf("coder")).hasSize(2);
    }

    @Test
    void a_server_that_hangs_ends_in_a_timeout() {
        openai.forAgent("coder", ScriptedReply.hang());

        long t0 = System.nanoTime();
        AgentResult r = runtime().run(invocation(RuntimeKind.OPENAI, "coder", Duration.ofSeconds(2), Map.of()));

        assertThat(r.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(r.confidenceReason()).isEqualTo("timed out after 2s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void a_command_running_at_the_deadline_is_ended_with_its_process_tree() throws Exception {
        anthropic.forAgent("coder", call("Bash", Map.of("command", "sleep 61.37 & sleep 61.37")), say(ANSWER));

        AgentResult r = runtime().run(invocation(RuntimeKind.ANTHROPIC, "coder", Duration.ofSeconds(2), Map.of()));

        assertThat(r.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        ProcessReaper.global().awaitSweeps();
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("sleep 61.37"))
                        .toList())
                .isEmpty();
    }

    @Test
    void a_listener_that_stops_the_agent_ends_it_at_once_with_the_usage_kept() {
        anthropic.forAgent("coder", writeEditAnswer(work));

        AgentResult r = runtime().run(invocation(RuntimeKind.ANTHROPIC).withProgress(p -> {
            if (p.usage().costUsd() > 0) {
                throw new ProgressListener.StopAgent("budget: agent coder-1-1 spent more than max_cost_usd");
            }
        }));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidenceReason()).isEqualTo("budget: agent coder-1-1 spent more than max_cost_usd");
        assertThat(r.usage().turns()).isEqualTo(1);
        assertThat(anthropic.requestsOf("coder")).hasSize(1);
        assertThat(work.resolve("greeting.py")).doesNotExist();
    }

    private String transcript(String agentId) throws IOException {
        Path file = AgentFiles.transcript(tmp.resolve("home/logs"), "task-1", agentId);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
