package dev.cfn.loop;

import static dev.cfn.agents.bench.ScriptedReply.call;
import static dev.cfn.agents.bench.ScriptedReply.report;
import static dev.cfn.agents.bench.ScriptedReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentSession;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.loop.session.LoopResources;
import dev.cfn.loop.session.LoopSession;
import dev.cfn.protocol.Decision;
import dev.cfn.skills.SkillLoader;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.store.SqliteDatabase;
import dev.cfn.store.UsageLog;
import dev.cfn.testing.ClaudeCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CFN loop of a real Claude Code implementer (against a scripted Messages API) and a test
 * validator, opened as {@code cfn loop run} opens it ({@link LoopSession}, a real SQLite file): the
 * implementer writes a module, the tests score it, and the next iteration resumes the implementer's
 * session with the validators' feedback. The implementer reports its confidence only through cfn's
 * {@code report_result} tool (the orchestrator's MCP endpoint); its closing text holds none.
 */
class ClaudeCodeLoopIT {
    private static final String TESTS = """
            #!/usr/bin/env python3
            import sys
            sys.path.insert(0, '.')
            passed = failed = 0
            for name, want in [('Ada', 'Hello, Ada!'), ('Bob', 'Hello, Bob!')]:
                try:
                    from greeting import greet
                    got = greet(name)
                except Exception as e:
                    got = repr(e)
                if got == want:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL: greet({name!r}) returned {got!r}, expected {want!r}")
            print(f"{passed} passed, {failed} failed")
            """;

    @TempDir
    Path tmp;

    private ScriptedMessagesApi api;
    private SqliteDatabase db;
    private UsageLog usage;
    private Path workdir;
    private Path agents;

    @BeforeEach
    void setUp() throws IOException {
        ClaudeCli.assumeInstalled();
        api = ScriptedMessagesApi.start();
        db = SqliteDatabase.open(tmp.resolve("home/cfn.db"));
        usage = UsageLog.open(db, Clock.systemUTC(), tmp.resolve("home/logs"));
        workdir = Files.createDirectories(tmp.resolve("work"));
        agents = Files.createDirectories(tmp.resolve("agents"));
        // No runtime and no command: claude-code, as the CLI is on PATH.
        Files.writeString(agents.resolve("coder.md"), """
                ---
                name: coder
                description: Writes Python modules
                role: implementer
                ---
                Write the module the task asks for, in the working folder.
                """);
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
        if (api != null) {
            api.close();
            usage.close();
            db.close();
            ProcessReaper.global().awaitSweeps();
            assertThat(ClaudeCli.alive(tmp.resolve("claude-config")))
                    .as("claude processes left")
                    .isEmpty();
        }
    }

    @Test
    void a_claude_code_implementer_writes_a_module_the_tests_score_and_resumes_its_session_with_the_feedback()
            throws Exception {
        api.forAgent(
                "coder",
                call(
                        "Write",
                        Map.of("file_path", "greeting.py", "content", "def greet(name):\n    return 'Hi ' + name\n")),
                report(Map.of(
                        "confidence",
                        0.9,
                        "status",
                        "success",
                        "summary",
                        "wrote greet",
                        "files",
                        List.of("greeting.py"))),
                say("Done: greeting.py is written."),
                call(
                        "Edit",
                        Map.of(
                                "file_path",
                                workdir.resolve("greeting.py").toString(),
                                "old_string",
                                "'Hi ' + name",
                                "new_string",
                                "f'Hello, {name}!'")),
                report(Map.of(
                        "confidence",
                        0.95,
                        "status",
                        "success",
                        "summary",
                        "fixed the greeting",
                        "files",
                        List.of("greeting.py"))),
                say("Done: the greeting is fixed."));
        List<LoopEvent> events = new CopyOnWriteArrayList<>();
        RunStore store = new RunStore(db);
        LoopResources resources = new LoopResources(
                store,
                new LocalCoordinator(Clock.systemUTC()),
                new SkillLoader(db, new SkillRegistry(db, Clock.systemUTC()), 100)::load,
                usage,
                Clock.systemUTC(),
                tmp.resolve("home/logs"),
                ClaudeCli.env(api, tmp),
                Optional.empty(),
                PriceTable.builtIn());

        RunReport report;
        try (LoopSession session = LoopSession.open(resources, agents, 4, events::add)) {
            assertThat(session.definitions())
                    .filteredOn(d -> d.name().equals("coder"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE));
            report = session.executor()
                    .start(LoopHarness.settings(
                            "write greeting.py with greet(name) -> 'Hello, NAME!'",
                            3,
                            List.of("coder"),
                            List.of("unit-tests"),
                            null,
                            List.of("greeting.py"),
                            workdir));
        }

        assertThat(report.perIteration())
                .extracting(IterationRecord::decision)
                .containsExactly(Decision.ITERATE, Decision.PROCEED);
        assertThat(report.perIteration().get(0).consensusScore()).isEqualTo(0.0);
        assertThat(report.perIteration().get(1).consensusScore()).isEqualTo(1.0);
        assertThat(Files.readString(workdir.resolve("greeting.py")))
                .isEqualTo("def greet(name):\n    return f'Hello, {name}!'\n");

        // Iteration 2 resumed the session: its first request holds iteration 1's conversation and the feedback.
        List<ScriptedMessagesApi.Request> coder = api.requestsOf("coder");
        // Each iteration: the edit, the report through cfn's tool, the closing text (the confidence is never in it).
        assertThat(coder).hasSize(6);
        assertThat(coder.get(0).system()).contains("mcp__cfn__report_result");
        assertThat(coder.get(2).conversation()).contains("\"recorded\"");
        String resumed = coder.get(3).conversation();
        assertThat(resumed)
                .contains("return 'Hi ' + name") // what it wrote in iteration 1
                .contains("Iteration 2 (agent coder-2-1)")
                .contains("CRITICAL: test failed: greet('Ada') returned 'Hi Ada', expected 'Hello, Ada!'");
        assertThat(coder.get(3).messageCount()).isGreaterThan(coder.get(0).messageCount());
        Path logs = tmp.resolve("home/logs");
        String runId = report.runId();
        String first = sessionOf(AgentFiles.transcript(logs, runId, "coder-1-1"));
        assertThat(sessionOf(AgentFiles.transcript(logs, runId, "coder-2-1"))).isEqualTo(first);
        assertThat(store.session(runId, "coder-1")).contains(new AgentSession(first, workdir));

        Map<String, AgentResult> second = store.results(runId, 2);
        assertThat(second.get("coder-2-1").usage().costUsd()).isPositive();
        assertThat(second.get("coder-2-1").confidence()).isEqualTo(0.95);
        assertThat(events)
                .filteredOn(e -> e instanceof LoopEvent.AgentProgress p && p.kind() == AgentProgress.Kind.TOOL)
                .extracting(
                        e -> ((LoopEvent.AgentProgress) e).agentId() + ": " + ((LoopEvent.AgentProgress) e).summary())
                .containsExactly(
                        "coder-1-1: Write greeting.py",
                        "coder-1-1: answer (confidence 0.9)",
                        "coder-2-1: Edit greeting.py",
                        "coder-2-1: answer (confidence 0.95)");
    }

    private static String sessionOf(Path transcript) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(transcript))) {
            String first = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElseThrow();
            return first.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
        }
    }
}
