package dev.cfn.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn agent ...} through the real jar, as a user runs it. */
class AgentCliIT {
    private static final Path BASEDIR = Path.of(System.getProperty("cfn.basedir", "."));
    private static final Path JAR = Path.of(System.getProperty("cfn.jar", "target/cfn.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    private record Run(int exit, String stdout, String stderr) {}

    private ProcessBuilder cfn(List<String> jvm, String... args) {
        List<String> argv = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED"));
        argv.addAll(jvm);
        argv.addAll(
                List.of("-jar", JAR.toString(), "--home", tmp.resolve("home").toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).directory(BASEDIR.toFile());
    }

    private Run run(List<String> jvm, String... args) throws Exception {
        return run(cfn(jvm, args));
    }

    private Run run(ProcessBuilder builder) throws Exception {
        Process p = builder.redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    @Test
    void list_json_gives_the_agents_problems_and_documentation() throws Exception {
        Run r = run(List.of(), "agent", "list", "--dir", "examples/agents", "--json");

        assertThat(r.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.stdout());
        assertThat(doc.get("agents")).hasSize(4);
        assertThat(doc.get("problems")).isEmpty();
        assertThat(doc.get("documentation").get(0).asText()).isEqualTo("examples/agents/README.md");
        assertThat(doc.get("files").asInt()).isEqualTo(5);
    }

    @Test
    void show_says_which_runtime_runs_a_definition_naming_none_and_why() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(
                agents.resolve("plain.md"), "---\nname: plain\ndescription: d\nrole: validator\n---\nLook.\n");
        Path claude = Files.writeString(tmp.resolve("claude"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder found = cfn(List.of(), "agent", "show", "plain", "--dir", agents.toString(), "--json");
        found.environment().put("CFN_CLAUDE_BIN", claude.toString());
        JsonNode shown = new ObjectMapper().readTree(run(found).stdout());
        ProcessBuilder missing = cfn(List.of(), "agent", "show", "plain", "--dir", agents.toString());
        missing.environment().put("CFN_CLAUDE_BIN", tmp.resolve("no-claude").toString());
        Run human = run(missing);

        assertThat(shown.get("runtime").asText()).isEqualTo("claude-code");
        assertThat(shown.get("runtime_reason").asText())
                .isEqualTo("no runtime or command in its front matter, and the claude CLI was found at " + claude
                        + " (CFN_CLAUDE_BIN)");
        assertThat(human.exit()).isZero();
        assertThat(human.stdout())
                .contains("anthropic (no runtime or command in its front matter, and the claude CLI was not found")
                .contains("Read, Glob, Grep, Bash (the role's default)");
    }

    @Test
    void a_claude_code_agent_without_the_cli_fails_in_one_line_with_exit_1() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(agents.resolve("coder.md"), "---\nname: coder\ndescription: d\nruntime: claude-code\n---\n");
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));

        ProcessBuilder b =
                cfn(List.of(), "agent", "run", "coder", "--dir", agents.toString(), "--workdir", tmp.toString());
        b.environment().remove("CFN_CLAUDE_BIN");
        b.environment().put("PATH", empty.toString());
        Run r = run(b);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr().strip())
                .isEqualTo("cfn: runtime claude-code: the claude CLI was not found"
                        + " (install: npm install -g @anthropic-ai/claude-code)");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void show_says_which_limits_are_enforced() throws Exception {
        Run r = run(List.of(), "agent", "show", "hello-implementer", "--dir", "examples/agents", "--json");

        assertThat(r.exit()).isZero();
        JsonNode limits = new ObjectMapper().readTree(r.stdout()).get("limits");
        assertThat(limits).extracting(l -> l.get("resource").asText()).containsExactly("memory", "cpus", "timeout");
        assertThat(limits.get(0).get("requested").asText()).isEqualTo("256m");
        assertThat(limits.get(0).has("enforced")).isTrue();
        assertThat(limits.get(2).get("enforced").asBoolean()).isTrue();
    }

    @Test
    void a_bad_definition_is_reported_with_its_line_and_the_rest_are_listed() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(agents.resolve("good.md"), "---\nname: good\ndescription: ok\ncommand: [true]\n---\n");
        Files.writeString(agents.resolve("bad.md"), "---\nname: bad\ndescription: no\ncomplexity: extreme\n---\n");

        Run r = run(List.of(), "agent", "list", "--dir", agents.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("good ").doesNotContain("bad ");
        assertThat(r.stderr())
                .isEqualTo("cfn: cannot use " + agents.resolve("bad.md")
                        + ":4: front matter 'complexity' must be one of low, medium, high, but was 'extreme'\n");
        assertThat(run(List.of(), "agent", "show", "bad", "--dir", agents.toString())
                        .exit())
                .isEqualTo(3);
    }

    @Test
    void commands_that_call_no_model_never_load_the_anthropic_sdk() throws Exception {
        Run r = run(
                List.of("-verbose:class"),
                "agent",
                "run",
                "hello-implementer",
                "--dir",
                "examples/agents",
                "--workdir",
                Files.createDirectories(tmp.resolve("w")).toString());

        assertThat(r.exit()).isZero();
        assertThat(r.stdout())
                .contains("dev.cfn.agents.process.ProcessAgentRuntime")
                .doesNotContain("com.anthropic");
    }

    @Test
    void ctrl_c_of_cfn_ends_the_agent_and_its_grandchild() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("agents"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path script = agents.resolve("sleeper.sh");
        Files.writeString(
                script,
                "#!/bin/sh\nsleep 300 &\necho $! > \"$CFN_WORKDIR/grandchild.pid\"\n"
                        + "echo $$ > \"$CFN_WORKDIR/child.pid\"\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                agents.resolve("sleeper.md"),
                "---\nname: sleeper\ndescription: sleeps\ncommand: ./sleeper.sh\ntimeout: 5m\n---\n");
        Process cfn = cfn(
                        List.of(), "agent", "run", "sleeper", "--dir", agents.toString(), "--workdir", work.toString())
                .redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(work.resolve("grandchild.pid")) && Files.exists(work.resolve("child.pid")));
        long child = pid(work.resolve("child.pid"));
        long grandchild = pid(work.resolve("grandchild.pid"));
        assertThat(alive(child) && alive(grandchild)).isTrue();

        // SIGINT to the cfn JVM only (a terminal would signal the whole group; this is the harder case)
        new ProcessBuilder("kill", "-INT", Long.toString(cfn.pid())).start().waitFor();

        assertThat(cfn.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(child) && !alive(grandchild));
    }

    private static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    /**
     * Running, as opposed to gone or a zombie: Java counts a zombie as alive, and an ended agent
     * whose parent (the cfn JVM) has exited waits as one until this machine's init reaps it.
     */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // gone while reading
        }
    }
}
