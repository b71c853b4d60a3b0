package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.TestImage;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox: container} through the real engine (podman here; {@link DockerSandboxIT} runs the
 * same tests on docker) and a locally built busybox image: the agent writes into the workdir
 * mounted at its own path, the engine enforces memory, the network is off unless asked for, a
 * timeout and an interrupt remove the container, warm agents run in a container started ahead, and
 * no container labelled with the run is left after any of them.
 */
class ContainerSandboxIT {
    private ContainerEngine engine;
    private Map<String, String> env;

    @TempDir
    Path dir;

    private String runId;
    private ProcessRunner runner;

    /** The engine these tests run on, named as {@code container.engine} names it. */
    String engineName() {
        return "podman";
    }

    @BeforeEach
    void setUp() {
        engine = TestImage.engine(engineName());
        env = TestImage.env(engineName());
        runId = "ctest-" + Long.toString(System.nanoTime(), 36);
        runner = new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofMillis(500), env);
    }

    @AfterEach
    void nothingLabelledLeft() {
        if (engine == null) {
            return; // skipped: no engine
        }
        assertThat(engine.labelled("cfn.run", runId))
                .as("containers of the run")
                .isEmpty();
    }

    private AgentDefinition sandboxed(String name, String script, String memory, Map<String, Object> extra)
            throws Exception {
        Path program = script(dir, name + ".sh", "#!/bin/sh\n" + script);
        Map<String, Object> keys = new HashMap<>(extra);
        keys.put("sandbox", "container");
        return definition(name, RuntimeKind.COMMAND, List.of(program.toString()), memory, null, false, keys);
    }

    private AgentInvocation invocation(AgentDefinition d, Duration timeout) {
        return new AgentInvocation(
                d,
                runId,
                d.name() + "-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of("task", "write hello"),
                Map.of(),
                timeout,
                dir.resolve("logs"));
    }

    private AgentResult run(AgentDefinition d, Duration timeout) {
        return new ProcessAgentRuntime(runner).run(invocation(d, timeout));
    }

    @Test
    void a_container_agent_writes_into_the_workdir_at_the_same_path_and_reads_its_input() throws Exception {
        AgentDefinition d = sandboxed(
                "writer",
                "read -r input\n"
                        + "echo \"$input\" > \"$CFN_WORKDIR/seen.json\"\n"
                        + "pwd > where.txt\n"
                        + "ls /sys/class/net > nets.txt\n"
                        + "echo '{\"confidence\": 0.9, \"summary\": \"'$CFN_AGENT_ID'\"}'\n",
                null,
                Map.of());

        AgentResult result = run(d, Duration.ofSeconds(60));

        assertThat(result.status()).as(result.confidenceReason()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(result.confidence()).isEqualTo(0.9);
        assertThat(result.summary()).isEqualTo("writer-1-1");
        assertThat(Files.readString(dir.resolve("seen.json"))).contains("write hello");
        assertThat(Files.readString(dir.resolve("where.txt")).strip()).isEqualTo(dir.toString());
        assertThat(Files.readString(dir.resolve("nets.txt")).strip())
                .as("network off: loopback only")
                .isEqualTo("lo");
    }

    @Test
    void network_true_gives_the_container_a_network() throws Exception {
        AgentDefinition d = sandboxed(
                "netter",
                "ls /sys/class/net | grep -v '^lo$' | wc -l > nets.txt\necho '{\"confidence\": 1}'\n",
                null,
                Map.of("network", "true"));

        assertThat(run(d, Duration.ofSeconds(60)).status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(Integer.parseInt(Files.readString(dir.resolve("nets.txt")).strip()))
                .isPositive();
    }

    @Test
    void an_agent_over_its_memory_limit_is_reported_as_killed_out_of_memory() throws Exception {
        AgentDefinition d = sandboxed("hog", "exec tail /dev/zero\necho '{\"confidence\": 1}'\n", "16m", Map.of());

        AgentResult result = run(d, Duration.ofSeconds(60));

        assertThat(result.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(result.confidenceReason()).isEqualTo("killed: out of memory (limit 16m)");
    }

    @Test
    void a_failing_agent_fails_with_its_exit_code_and_leaves_no_container() throws Exception {
        AgentDefinition d = sandboxed("failer", "echo 'cannot do it' >&2\nexit 3\n", null, Map.of());

        AgentResult result = run(d, Duration.ofSeconds(60));

        assertThat(result.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(result.confidenceReason()).isEqualTo("exited with code 3: cannot do it");
    }

    @Test
    void a_timeout_removes_the_container_even_when_the_agent_ignores_term() throws Exception {
        AgentDefinition d = sandboxed("stuck", "trap '' TERM\nsleep 300\n", null, Map.of());

        AgentResult result = run(d, Duration.ofSeconds(2));

        assertThat(result.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(engine.labelled("cfn.run", runId))
                .as("removed before the result returns")
                .isEmpty();
    }

    @Test
    void an_interrupted_run_removes_its_container() throws Exception {
        AgentDefinition d = sandboxed("sleeper", "touch started\nsleep 300\n", null, Map.of());
        AtomicReference<AgentResult> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> result.set(run(d, Duration.ofSeconds(120))));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("started")));
        assertThat(engine.labelled("cfn.run", runId)).hasSize(1);

        t.interrupt();
        t.join(Duration.ofSeconds(30));

        assertThat(result.get().confidenceReason()).isEqualTo("interrupted: cfn is stopping");
        assertThat(engine.labelled("cfn.run", runId)).isEmpty();
    }

    @Test
    void a_followed_process_runs_in_the_container_with_stdout_read_live() throws Exception {
        AgentDefinition d = sandboxed("follower", "", null, Map.of());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Launch launch = new Launch(
                List.of("sh", "-c", "echo one; echo two; cat /proc/1/cmdline | tr '\\0' ' '"),
                Map.of(),
                dir.resolve("copy.txt"),
                lines::add);

        ProcessOutcome outcome = runner.follow(invocation(d, Duration.ofSeconds(60)), launch);

        assertThat(outcome.exitCode()).isZero();
        assertThat(lines).startsWith("one", "two");
        assertThat(lines.get(2))
                .as("pid 1 is the container's init, not the host's")
                .doesNotContain("systemd");
    }

    @Test
    void no_image_anywhere_is_a_one_line_error_naming_both_places() throws Exception {
        Map<String, String> imageless = new HashMap<>(env);
        imageless.remove(ContainerEngine.IMAGE_VARIABLE);
        ProcessRunner bare =
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofMillis(500), imageless);
        AgentDefinition d = sandboxed("imageless", "echo '{\"confidence\": 1}'\n", null, Map.of());

        assertThatThrownBy(() -> new ProcessAgentRuntime(bare).run(invocation(d, Duration.ofSeconds(10))))
                .hasMessage("sandbox container: agent imageless names no image (set 'image:' in its definition, or"
                        + " container.image in <home>/config)");
    }

    @Test
    void a_warm_agent_runs_in_one_container_started_ahead_and_is_given_tasks_by_exec() throws Exception {
        Path worker = script(
                dir,
                "warm.sh",
                "#!/bin/sh\nwhile read -r line; do echo \"{\\\"confidence\\\": 0.8, \\\"summary\\\": \\\"$(cat /etc/hostname)"
                        + " $$\\\"}\"; done\n");
        AgentDefinition d = definition(
                "warm-box",
                RuntimeKind.COMMAND,
                List.of(worker.toString()),
                null,
                null,
                true,
                Map.of("sandbox", "container"));
        List<String> summaries;
        try (WarmPool pool =
                new WarmPool(ProcessReaper.global(), ResourceLimits.detect(), 1, Duration.ofSeconds(1), env)) {
            AgentResult first = pool.run(invocation(d, Duration.ofSeconds(60)));
            AgentResult second = pool.run(invocation(d, Duration.ofSeconds(60)));
            assertThat(first.status()).as(first.confidenceReason()).isEqualTo(AgentResult.Status.SUCCESS);
            summaries = List.of(first.summary(), second.summary());
            assertThat(engine.labelled("cfn.run", runId)).hasSize(1);
        }
        assertThat(summaries.get(0))
                .as("the same container and process served both")
                .isEqualTo(summaries.get(1));
        ProcessReaper.global().awaitSweeps();
    }
}
