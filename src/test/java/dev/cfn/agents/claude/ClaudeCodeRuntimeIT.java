package dev.cfn.agents.claude;

import static dev.cfn.agents.bench.ScriptedReply.answer;
import static dev.cfn.agents.bench.ScriptedReply.call;
import static dev.cfn.agents.bench.ScriptedReply.error;
import static dev.cfn.agents.bench.ScriptedReply.hang;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.AgentSession;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.protocol.Phase;
import dev.cfn.testing.ClaudeCli;
import dev.cfn.testing.MemorySessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claude-code runtime on the real Claude Code CLI against a scripted Messages API on 127.0.0.1:
 * Claude Code really runs the tools the script asks for, in the workdir.
 */
class ClaudeCodeRuntimeIT {
    @TempDir
    Path dir;

    private ScriptedMessagesApi api;
    private Map<String, String> env;
    private ClaudeCodeRuntime runtime;
    private Path workdir;

    @BeforeEach
    void start() throws IOException {
        ClaudeCli.assumeInstalled();
        api = ScriptedMessagesApi.start();
        env = ClaudeCli.env(api, dir);
        runtime = new ClaudeCodeRuntime(
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(2), env), env);
        workdir = Files.createDirectories(dir.resolve("work"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (api != null) {
            api.close();
            ProcessReaper.global().awaitSweeps();
            assertThat(ClaudeCli.alive(dir.resolve("claude-config")))
                    .as("claude processes left")
                    .isEmpty();
        }
    }

    @Test
    void an_implementer_writes_a_file_and_answers_with_its_usage_progress_transcript_and_session() throws Exception {
        api.forAgent(
                "coder",
                call("Write", Map.of("file_path", "greeting.py", "content", "print('hello')\n")),
                answer(Map.of(
                        "confidence",
                        0.85,
                        "status",
                        "success",
                        "summary",
                        "wrote greeting.py",
                        "files",
                        List.of("greeting.py"))));
        List<AgentProgress> progress = new CopyOnWriteArrayList<>();
        MemorySessions sessions = new MemorySessions();

        AgentResult r = runtime.run(invocation(definition("coder", AgentRole.IMPLEMENTER, List.of(), null), 1)
                .withProgress(progress::add)
                .withSessions(sessions));

        assertThat(Files.readString(workdir.resolve("greeting.py"))).isEqualTo("print('hello')\n");
        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.85);
        assertThat(r.confidenceReason()).isNull();
        assertThat(r.summary()).isEqualTo("wrote greeting.py");
        assertThat(r.files()).containsExactly("greeting.py");
        assertThat(r.exitCode()).isZero();
        // The result line's figures: two scripted messages of 100 input / 40 output / 50 cache-read / 10 cache-write.
        assertThat(r.usage().inputTokens()).isEqualTo(200);
        assertThat(r.usage().outputTokens()).isEqualTo(80);
        assertThat(r.usage().cacheReadTokens()).isEqualTo(100);
        assertThat(r.usage().cacheWriteTokens()).isEqualTo(20);
        assertThat(r.usage().turns()).isGreaterThanOrEqualTo(2);
        assertThat(r.usage().costUsd()).isPositive();

        assertThat(progress)
                .extracting(AgentProgress::kind, AgentProgress::summary)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TURN, "turn 1"),
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TOOL, "Write greeting.py"),
                        org.assertj.core.groups.Tuple.tuple(AgentProgress.Kind.TURN, "turn 2"));
        AgentProgress last = progress.get(progress.size() - 1);
        assertThat(last.kind()).isEqualTo(AgentProgress.Kind.USAGE);
        assertThat(last.usage()).isEqualTo(r.usage());

        // What Claude Code was told: the allowed tools of the role, the body, the answer schema.
        ScriptedMessagesApi.Request first = api.requestsOf("coder").get(0);
        assertThat(first.apiKey()).isEqualTo(ClaudeCli.API_KEY);
        assertThat(first.system()).contains("Write greeting files.", "StructuredOutput");
        assertThat(first.conversation()).contains("\"task\" : \"greet\"").doesNotContain("\"skills\"");

        Path transcript = AgentFiles.transcript(dir.resolve("logs"), "task-1", "coder-1-1");
        String stream = gunzip(transcript);
        assertThat(stream.lines().findFirst().orElseThrow()).contains("\"subtype\":\"init\"");
        assertThat(stream.lines().reduce((a, b) -> b).orElseThrow()).contains("\"type\":\"result\"");
        assertThat(stream).doesNotContain(ClaudeCli.API_KEY);

        AgentSession session = sessions.find("coder-1").orElseThrow();
        assertThat(stream).contains("\"session_id\":\"" + session.sessionId() + "\"");
        assertThat(session.ranIn(workdir)).isTrue();
    }

    @Test
    void an_agent_that_runs_out_of_turns_fails_with_the_limit_as_reason() throws Exception {
        api.forAgent(
                "busy",
                call("Write", Map.of("file_path", "a.txt", "content", "a")),
                call("Write", Map.of("file_path", "b.txt", "content", "b")),
                call("Write", Map.of("file_path", "c.txt", "content", "c")));

        AgentResult r = runtime.run(invocation(definition("busy", AgentRole.IMPLEMENTER, List.of(), 2), 1));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("claude-code reached its turn limit (max_turns 2) before answering");
        assertThat(workdir.resolve("c.txt")).doesNotExist();
        assertThat(api.requestsOf("busy")).hasSize(2);
    }

    @Test
    void an_api_error_fails_the_agent_with_its_status_and_no_retry() throws Exception {
        api.forAgent("flaky", error(500, "api_error", "scripted outage"));
        api.forAgent("limited", error(429, "rate_limit_error", "slow down"));

        AgentResult outage = runtime.run(invocation(definition("flaky", AgentRole.IMPLEMENTER, List.of(), null), 1));
        AgentResult limited = runtime.run(invocation(definition("limited", AgentRole.VALIDATOR, List.of(), null), 1));

        assertThat(outage.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(outage.confidenceReason())
                .startsWith("claude-code: API error 500: ")
                .contains("scripted outage");
        assertThat(limited.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(limited.confidenceReason())
                .startsWith("claude-code: API error 429: ")
                .contains("slow down");
        assertThat(outage.confidenceReason() + limited.confidenceReason()).doesNotContain(ClaudeCli.API_KEY);
        assertThat(api.requests()).hasSize(2); // CLAUDE_CODE_MAX_RETRIES=0: one call each
    }

    @Test
    void a_tool_outside_the_allowed_list_is_denied_and_becomes_feedback() throws Exception {
        api.forAgent(
                "reviewer",
                call("Write", Map.of("file_path", "pwned.txt", "content", "x")),
                answer(Map.of("confidence", 0.4, "status", "success", "summary", "could not write")));

        AgentResult r = runtime.run(invocation(definition("reviewer", AgentRole.VALIDATOR, List.of(), null), 1));

        assertThat(workdir.resolve("pwned.txt")).doesNotExist();
        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.4);
        assertThat(r.feedback())
                .containsExactly(new Feedback(
                        Feedback.Severity.WARNING,
                        "reviewer-1-1 was denied Write pwned.txt (its tools: Read, Glob, Grep, Bash;"
                                + " list the tool under tools: in its definition to allow it)"));
    }

    @Test
    void a_listener_that_stops_the_agent_ends_its_process_tree_at_once() throws Exception {
        api.forAgent("spender", call("Write", Map.of("file_path", "a.txt", "content", "a")), hang());
        ProgressListener budget = p -> {
            if (p.kind() == AgentProgress.Kind.TOOL) {
                throw new ProgressListener.StopAgent("budget: cost $0.42 exceeded $0.40");
            }
        };

        AgentInvocation inv = invocation(definition("spender", AgentRole.IMPLEMENTER, List.of(), null), 1)
                .withProgress(budget);
        long start = System.nanoTime();
        AgentResult r = runtime.run(inv);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(inv.timeout());
        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("budget: cost $0.42 exceeded $0.40");
        ProcessReaper.global().awaitSweeps();
        assertThat(ClaudeCli.alive(dir.resolve("claude-config"))).isEmpty();
    }

    @Test
    void a_session_claude_code_no_longer_has_is_started_afresh() throws Exception {
        api.forAgent("coder", answer(Map.of("confidence", 0.9, "status", "success", "summary", "done")));
        MemorySessions sessions = new MemorySessions();
        sessions.save("coder-1", new AgentSession("11111111-2222-3333-4444-555555555555", workdir));

        AgentResult r = runtime.run(invocation(definition("coder", AgentRole.IMPLEMENTER, List.of(), null), 2)
                .withSessions(sessions));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.9);
        assertThat(sessions.find("coder-1").orElseThrow().sessionId())
                .isNotEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(api.requestsOf("coder").get(0).conversation()).contains("\"task\" : \"greet\"");
    }

    private AgentDefinition definition(String name, AgentRole role, List<String> tools, Integer maxTurns) {
        return new AgentDefinition(
                name,
                "a test agent",
                tools,
                null,
                RuntimeKind.CLAUDE_CODE,
                List.of(),
                role,
                Complexity.LOW,
                Duration.ofSeconds(60),
                false,
                null,
                null,
                "Write greeting files.",
                dir.resolve(name + ".md"),
                maxTurns == null ? Map.of() : Map.of("max_turns", maxTurns));
    }

    private AgentInvocation invocation(AgentDefinition d, int iteration) {
        return new AgentInvocation(
                d,
                "task-1",
                d.name() + "-" + iteration + "-1",
                iteration,
                d.role() == AgentRole.VALIDATOR ? Phase.LOOP2 : Phase.LOOP3,
                "mvp",
                workdir,
                Map.of(
                        "task",
                        "greet",
                        "iteration",
                        iteration,
                        "skills",
                        List.of(Map.of("name", "s", "content", "SKILL BODY"))),
                Map.of(),
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
