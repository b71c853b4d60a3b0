package dev.cfn.loop;

import static dev.cfn.agents.bench.ScriptedReply.call;
import static dev.cfn.agents.bench.ScriptedReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.bench.ScriptedOpenAiApi;
import dev.cfn.agents.bench.ScriptedReply;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.loop.session.LoopResources;
import dev.cfn.loop.session.LoopSession;
import dev.cfn.protocol.Decision;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CFN loop whose implementer is an API agent (runtime anthropic, then openai through a provider of
 * the config) that writes and edits a module through its tools, scored by a test validator; opened
 * as {@code cfn loop run} opens it, on a real SQLite file, against scripted servers on 127.0.0.1.
 */
class ApiAgentsLoopIT {
    private static final String KEY = "sk-loop-test-key-never-shown";
    private static final String TESTS = """
            #!/usr/bin/env python3
            import sys
            sys.path.insert(0, '.')
            from greeting import greet
            ok = greet('Ada') == 'Hello, Ada!'
            print('1 passed, 0 failed' if ok else '0 passed, 1 failed')
            sys.exit(0 if ok else 1)
            """;
    private static final String ANSWER =
            "Done.\n{\"confidence\": 0.9, \"status\": \"success\", \"summary\": \"wrote greet\","
                    + " \"files\": [\"greeting.py\"]}";

    @TempDir
    Path tmp;

    private ScriptedMessagesApi anthropic;
    private ScriptedOpenAiApi openai;
    private SqliteDatabase db;
    private UsageLog usage;
    private Path workdir;
    private Path agents;

    @BeforeEach
    void setUp() throws IOException {
        anthropic = ScriptedMessagesApi.start();
        openai = ScriptedOpenAiApi.start();
        db = SqliteDatabase.open(tmp.resolve("home/cfn.db"));
        usage = UsageLog.open(db, Clock.systemUTC(), tmp.resolve("home/logs"));
        workdir = Files.createDirectories(tmp.resolve("work"));
        agents = Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(agents.resolve("unit-tests.md"), """
                ---
                name: unit-tests
                description: Runs the greeting tests
                role: validator
                runtime: test
                command: ./tests.py
                ---
                """);
        Path tests = Files.writeString(agents.resolve("tests.py"), TESTS);
        Files.setPosixFilePermissions(tests, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        anthropic.close();
        openai.close();
        usage.close();
        db.close();
        ProcessReaper.global().awaitSweeps();
    }

    private ScriptedReply[] writeAndEdit() {
        return new ScriptedReply[] {
            call("Write", Map.of("file_path", "greeting.py", "content", "def greet(name):\n    return 'Hi ' + name\n")),
            call(
                    "Edit",
                    Map.of(
                            "file_path",
                            "greeting.py",
                            "old_string",
                            "'Hi ' + name",
                            "new_string",
                            "f'Hello, {name}!'")),
            call("Bash", Map.of("command", "python3 -c 'from greeting import greet; print(greet(\"Ada\"))'")),
            say(ANSWER)
        };
    }

    private RunReport run(String coder, Map<String, String> env) throws IOException {
        Files.writeString(agents.resolve("coder.md"), coder);
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", System.getenv("PATH"));
        LoopResources resources = new LoopResources(
                new RunStore(db),
                new LocalCoordinator(Clock.systemUTC()),
                new SkillLoader(db, new SkillRegistry(db, Clock.systemUTC()), 100)::load,
                usage,
                Clock.systemUTC(),
                tmp.resolve("home/logs"),
                all,
                Optional.empty(),
                PriceTable.of(
                        Map.of("claude-scripted", "3, 15, 0.3, 3.75", "gpt-scripted", "1, 4, 0.5, 0"),
                        "test",
                        w -> {}));
        try (LoopSession session = LoopSession.open(resources, agents, 4, e -> {})) {
            return session.executor()
                    .start(LoopHarness.settings(
                            "write greeting.py with greet(name) -> 'Hello, NAME!'",
                            2,
                            List.of("coder"),
                            List.of("unit-tests"),
                            null,
                            List.of("greeting.py"),
                            workdir));
        }
    }

    @Test
    void an_anthropic_implementer_writes_and_edits_through_tools_and_the_tests_pass_it() throws Exception {
        anthropic.forAgent("coder", writeAndEdit());

        RunReport report = run("""
                ---
                name: coder
                description: Writes Python modules
                role: implementer
                runtime: anthropic
                model: sonnet
                ---
                Write the module the task asks for, in the working folder.
                """, Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", anthropic.baseUrl()));

        assertThat(report.perIteration()).extracting(IterationRecord::decision).containsExactly(Decision.PROCEED);
        assertThat(Files.readString(workdir.resolve("greeting.py")))
                .isEqualTo("def greet(name):\n    return f'Hello, {name}!'\n");
        assertThat(anthropic.requestsOf("coder").get(3).conversation()).contains("Hello, Ada!");
        AgentResult coder = new RunStore(db).results(report.runId(), 1).get("coder-1-1");
        assertThat(coder.usage().turns()).isEqualTo(4);
        assertThat(coder.usage().costUsd()).isPositive();
        String transcript = transcript(report.runId(), "coder-1-1");
        assertThat(transcript)
                .contains("\"type\":\"tool_result\"", "\"name\":\"Bash\"", "Hello, Ada!")
                .doesNotContain(KEY);
        assertThat(Files.readString(tmp.resolve("home/cfn.db").resolveSibling("cfn.db"), StandardCharsets.ISO_8859_1))
                .doesNotContain(KEY);
    }

    @Test
    void an_openai_implementer_on_a_configured_provider_does_the_same() throws Exception {
        openai.forAgent("coder", writeAndEdit());

        RunReport report = run(
                """
                ---
                name: coder
                description: Writes Python modules
                role: implementer
                runtime: openai
                provider: local
                model: gpt-scripted
                ---
                Write the module the task asks for, in the working folder.
                """,
                Map.of(
                        "provider.local.kind",
                        "openai",
                        "provider.local.base_url",
                        openai.baseUrl(),
                        "provider.local.api_key_env",
                        "LOCAL_LLM_KEY",
                        "LOCAL_LLM_KEY",
                        KEY));

        assertThat(report.perIteration()).extracting(IterationRecord::decision).containsExactly(Decision.PROCEED);
        assertThat(Files.readString(workdir.resolve("greeting.py")))
                .isEqualTo("def greet(name):\n    return f'Hello, {name}!'\n");
        assertThat(openai.requestsOf("coder"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(KEY));
        assertThat(new RunStore(db).results(report.runId(), 1).get("coder-1-1").summary())
                .isEqualTo("wrote greet");
    }

    @Test
    void an_agent_past_its_max_cost_is_stopped_by_the_budget() throws Exception {
        anthropic.forAgent("coder", writeAndEdit());

        RunReport report = run("""
                ---
                name: coder
                description: Writes Python modules
                runtime: anthropic
                model: sonnet
                max_cost_usd: 0.0001
                ---
                Write the module.
                """, Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", anthropic.baseUrl()));

        AgentResult coder = new RunStore(db).results(report.runId(), 1).get("coder-1-1");
        assertThat(coder.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(coder.confidenceReason())
                .startsWith("budget: agent cost $")
                .contains("exceeded its max_cost_usd $0.0001");
        // stopped after its first turn, before the Write it asked for (each iteration's coder makes one call)
        assertThat(anthropic.requestsOf("coder"))
                .filteredOn(r -> r.conversation().contains("agent coder-1-1,"))
                .hasSize(1);
        assertThat(workdir.resolve("greeting.py")).doesNotExist();
    }

    private String transcript(String runId, String agentId) throws IOException {
        Path file = AgentFiles.transcript(tmp.resolve("home/logs"), runId, agentId);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
