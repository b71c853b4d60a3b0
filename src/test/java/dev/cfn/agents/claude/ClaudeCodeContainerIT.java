package dev.cfn.agents.claude;

import static dev.cfn.agents.bench.ScriptedReply.answer;
import static dev.cfn.agents.bench.ScriptedReply.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.TestImage;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.protocol.Phase;
import dev.cfn.testing.ClaudeCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claude-code agent with {@code sandbox: container} and {@code network: true}: the real Claude
 * Code CLI in an image built from this machine's binary, against the scripted Messages API, which
 * the container reaches through its network's gateway (a relay the test runs, since the API
 * listens on 127.0.0.1 only). It writes into the workdir mounted at its own path.
 */
class ClaudeCodeContainerIT {
    private static final Path CLAUDE_BIN = Path.of("/usr/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe");

    @TempDir
    Path dir;

    private ScriptedMessagesApi api;
    private ServerSocket relay;
    private ContainerEngine engine;

    @BeforeEach
    void start() throws IOException {
        ClaudeCli.assumeInstalled();
        Assumptions.assumeTrue(Files.isExecutable(CLAUDE_BIN), "no native Claude Code binary at " + CLAUDE_BIN);
        engine = TestImage.claudeEngine(CLAUDE_BIN);
        api = ScriptedMessagesApi.start();
        relay = relayTo(Integer.parseInt(api.baseUrl().replaceAll(".*:", "")));
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (relay != null) {
            relay.close();
        }
        if (api != null) {
            api.close();
        }
        ProcessReaper.global().awaitSweeps();
        if (engine != null) {
            assertThat(engine.labelled("cfn.run", "task-cc")).isEmpty();
        }
    }

    @Test
    void claude_code_in_a_container_writes_into_the_workdir_and_answers() throws Exception {
        String gateway = gateway();
        Assumptions.assumeTrue(gateway != null, "the engine's default network names no gateway");
        Path work = Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = new HashMap<>(ClaudeCli.env(api, dir));
        env.put("ANTHROPIC_BASE_URL", "http://" + gateway + ":" + relay.getLocalPort());
        api.forAgent(
                "boxed",
                call("Write", Map.of("file_path", work.resolve("greeting.py").toString(), "content", "print('hi')\n")),
                answer(Map.of("confidence", 0.8, "status", "success", "summary", "wrote it")));
        ClaudeCodeRuntime runtime = new ClaudeCodeRuntime(
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(2), env), env);
        AgentDefinition d = new AgentDefinition(
                "boxed",
                "a test agent",
                List.of(),
                null,
                RuntimeKind.CLAUDE_CODE,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(120),
                false,
                null,
                null,
                "Write greeting files.",
                dir.resolve("boxed.md"),
                Map.of("sandbox", "container", "image", TestImage.CLAUDE, "network", "true"));

        AgentResult r = runtime.run(new AgentInvocation(
                d,
                "task-cc",
                "boxed-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                work,
                Map.of("task", "greet"),
                Map.of(),
                Duration.ofSeconds(120),
                dir.resolve("logs")));

        assertThat(r.status()).as(r.confidenceReason()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.8);
        assertThat(work.resolve("greeting.py")).hasContent("print('hi')\n");
    }

    private String gateway() {
        CharSequence c = engineCall(List.of(
                engine.program().toString(),
                "network",
                "inspect",
                engine.kind().equals("docker") ? "bridge" : "podman"));
        Matcher m = Pattern.compile("\"gateway\"\\s*:\\s*\"([0-9.]+)\"", Pattern.CASE_INSENSITIVE)
                .matcher(c);
        return m.find() ? m.group(1) : null;
    }

    private static CharSequence engineCall(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Relays connections on every interface to 127.0.0.1:{@code port}, for as long as the socket is open. */
    private static ServerSocket relayTo(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("0.0.0.0", 0));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket("127.0.0.1", port);
                    Thread.ofVirtual().start(() -> pipe(in, out));
                    Thread.ofVirtual().start(() -> pipe(out, in));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream i = from.getInputStream();
                OutputStream o = to.getOutputStream()) {
            i.transferTo(o);
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }
}
