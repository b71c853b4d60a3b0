package dev.cfn.agents.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's command lines and how the engine is found; no engine runs here. */
class ContainerEngineTest {
    @TempDir
    Path dir;

    private static ContainerSpec spec(boolean network) {
        return new ContainerSpec(
                "cfn-1-a-1",
                "localhost/box:1",
                Path.of("/w/work"),
                List.of(Path.of("/defs/agent.sh")),
                network,
                256L << 20,
                1.5,
                64,
                Map.of("cfn.run", "run-1", "cfn.agent", "coder-1-1"),
                List.of("CFN_AGENT_ID", "SECRET_TOKEN"));
    }

    @Test
    void a_run_mounts_the_workdir_at_its_path_and_carries_walls_limits_labels_and_env_names_only() {
        List<String> argv = new ContainerEngine(Path.of("/usr/bin/podman")).run(spec(false), List.of("./a.sh"), true);

        assertThat(argv)
                .containsExactly(
                        "/usr/bin/podman",
                        "run",
                        "--rm",
                        "-i",
                        "--init",
                        "--name",
                        "cfn-1-a-1",
                        "--network",
                        "none",
                        "--tmpfs",
                        "/tmp",
                        "-v",
                        "/w/work:/w/work",
                        "-w",
                        "/w/work",
                        "-v",
                        "/defs/agent.sh:/defs/agent.sh:ro",
                        "--memory",
                        "268435456",
                        "--memory-swap",
                        "268435456",
                        "--cpus",
                        "1.5",
                        "--pids-limit",
                        "64",
                        "--label",
                        "cfn.agent=coder-1-1",
                        "--label",
                        "cfn.run=run-1",
                        "-e",
                        "CFN_AGENT_ID",
                        "-e",
                        "SECRET_TOKEN",
                        "localhost/box:1",
                        "./a.sh");
    }

    @Test
    void network_true_drops_network_none_and_a_warm_container_waits_for_exec() {
        ContainerEngine podman = new ContainerEngine(Path.of("/usr/bin/podman"));

        assertThat(podman.start(spec(true))).doesNotContain("none").startsWith("/usr/bin/podman", "run", "-d");
        assertThat(podman.start(spec(true))).endsWith("localhost/box:1", "sleep", "2147483647");
        assertThat(podman.exec("cfn-1-a-1", Path.of("/w/work"), List.of("A"), List.of("./a.sh"), true))
                .containsExactly("/usr/bin/podman", "exec", "-i", "-w", "/w/work", "-e", "A", "cfn-1-a-1", "./a.sh");
    }

    @Test
    void the_configured_engine_wins_else_podman_before_docker_on_path() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : List.of("podman", "docker")) {
            Files.writeString(bin.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String path = bin.toString();

        assertThat(ContainerEngine.find(Map.of("PATH", path)).orElseThrow().kind())
                .isEqualTo("podman");
        assertThat(ContainerEngine.find(Map.of("PATH", path, ContainerEngine.ENGINE_VARIABLE, "docker"))
                        .orElseThrow()
                        .program())
                .isEqualTo(bin.resolve("docker"));
        assertThat(ContainerEngine.find(Map.of("PATH", dir.resolve("none").toString())))
                .isEmpty();
        assertThat(ContainerEngine.find(Map.of("PATH", path, ContainerEngine.ENGINE_VARIABLE, "/no/such/engine")))
                .as("a named engine that is missing is not replaced by another")
                .isEmpty();
    }
}
