package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.TestImage;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sandbox container} end to end through the cfn program and real podman: a loop whose
 * agents all run in containers (the image from {@code container.image} in {@code <home>/config}),
 * Ctrl-C of {@code cfn agent run}, and kill -9 of the orchestrator followed by {@code cfn loop
 * resume}: no container labelled with the run is left after any of them. {@link DockerLoopContainerIT}
 * runs the same tests with {@code container.engine=docker}.
 */
class LoopContainerIT {
    private ContainerEngine engine;

    @TempDir
    Path tmp;

    private Cfn cfn;
    private Path work;
    private TestAgents agents;
    private long deadPid = -1;
    private String runLabel;

    /** The engine these tests run on, as {@code container.engine} in the home's config names it. */
    String engineName() {
        return "podman";
    }

    @BeforeEach
    void setUp() throws Exception {
        engine = TestImage.engine(engineName());
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        Files.createDirectories(tmp.resolve("home"));
        Files.writeString(
                tmp.resolve("home").resolve("config"),
                "container.image=" + TestImage.NAME + "\ncontainer.engine=" + engineName() + "\n");
        work = Files.createDirectories(tmp.resolve("work"));
        // inside the workdir: the scripts record their calls there, and only the workdir is writable in a container
        agents = new TestAgents(work.resolve("agents"));
    }

    @AfterEach
    void cleanUp() {
        if (deadPid > 0) {
            AgentProcesses.kill(deadPid);
        }
        if (runLabel != null && engine != null) {
            engine.removeLabelled("cfn.run", runLabel);
        }
    }

    @Test
    void a_loop_in_containers_succeeds_and_leaves_no_container() {
        agents.agent("impl", "implementer", "echo hi > \"$CFN_WORKDIR/hello.txt\"\n" + answer("{\"confidence\": 0.9}"))
                .agent("val", "validator", "grep -q hi hello.txt && " + answer("{\"confidence\": 1.0}"))
                .agent("failing-val", "validator", "exit 4");

        JsonNode doc = cfn.run(
                        "loop",
                        "run",
                        "write hello",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--loop2",
                        "val,failing-val",
                        "--quorum",
                        "0.5",
                        "--consensus",
                        "0.4",
                        "--max-iterations",
                        "1",
                        "--sandbox",
                        "container",
                        "--json")
                .ok()
                .json();
        runLabel = doc.get("run_id").asText();

        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(work.resolve("hello.txt")).hasContent("hi");
        assertThat(engine.labelled("cfn.run", runLabel)).isEmpty();
    }

    @Test
    void agent_show_names_the_sandbox_and_the_engines_limits_and_a_bad_sandbox_is_exit_2() throws Exception {
        Files.createDirectories(agents.dir());
        Files.writeString(
                agents.dir().resolve("boxed.md"),
                "---\nname: boxed\ndescription: d\ncommand: ./boxed.sh\nsandbox: container\nmemory: 64m\n---\nDo it.\n");

        String shown = cfn.run("agent", "show", "boxed", "--dir", agents.dir().toString())
                .ok()
                .stdout();

        assertThat(shown)
                .contains("container (image " + TestImage.NAME + ", network off, " + engine.kind() + " at ")
                .contains("limit memory:  64m: enforced by the container engine: --memory=67108864")
                .contains("limit pids:    1024: enforced by the container engine: --pids-limit=1024 (default)");
        assertThat(cfn.run("loop", "run", "x", "--workdir", work.toString(), "--sandbox", "docker")
                        .fails(2))
                .contains("--sandbox must be none or container, but was 'docker'");
    }

    @Test
    void ctrl_c_of_an_agent_run_removes_its_container() throws Exception {
        agents.agent("sleeper", "implementer", "60s", "touch \"$CFN_WORKDIR/started\"\nsleep 300");
        runLabel = "ctrl-c-" + Long.toString(System.nanoTime(), 36);
        Cfn.Running running = cfn.startWithHome(
                "agent",
                "run",
                "sleeper",
                "--dir",
                agents.dir().toString(),
                "--workdir",
                work.toString(),
                "--task-id",
                runLabel,
                "--sandbox",
                "container");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(work.resolve("started")));
        assertThat(engine.labelled("cfn.run", runLabel)).hasSize(1);

        new ProcessBuilder("kill", "-INT", Long.toString(running.process().pid()))
                .start()
                .waitFor();
        assertThat(running.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(engine.labelled("cfn.run", runLabel)).isEmpty();
    }

    @Test
    void kill_9_of_the_orchestrator_then_resume_removes_the_dead_runs_containers() throws Exception {
        String stuckOnFirstRun = "[ \"$(wc -l < '" + agents.callsFile("stuck-val") + "')\" -eq 1 ] && sleep 300\n"
                + answer("{\"confidence\": 0.9}");
        agents.agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("stuck-val", "validator", "60s", stuckOnFirstRun);
        Cfn.Running first = cfn.startWithHome(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--sandbox",
                "container",
                "--json");
        deadPid = first.process().pid();
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.calls("stuck-val") == 1);
        try (StoredRuns db = StoredRuns.of(cfn)) {
            runLabel = db.text("SELECT id FROM loop_runs WHERE status = 'running'");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.labelled("cfn.run", runLabel).size() == 1);

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no container removal
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> left = engine.labelled("cfn.run", runLabel);
        assertThat(left)
                .as("the stuck validator's container outlives its orchestrator")
                .hasSize(1);

        JsonNode doc = cfn.run(
                        "loop", "resume", runLabel, "--agents-dir", agents.dir().toString(), "--json")
                .ok()
                .json();

        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(agents.calls("stuck-val")).as("never stored: run again").isEqualTo(2);
        assertThat(engine.labelled("cfn.run", runLabel))
                .as("swept by the resume")
                .isEmpty();
    }
}
