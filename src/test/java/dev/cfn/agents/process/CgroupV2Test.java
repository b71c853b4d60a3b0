package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.RuntimeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource limits on cgroup v2 and through systemd-run. This machine is a v1/v2 hybrid whose
 * unified hierarchy offers no memory or cpu controller and has no systemd: the v2 limits themselves
 * cannot be exercised here. What is tested: reading the v2 group from /proc, the delegation check,
 * the group and limit files a run gets in a delegated folder, the systemd-run command line, what
 * {@code cfn agent show} says, and, on the real unified hierarchy, joining a v2 group before the
 * command starts and removing it afterwards.
 */
class CgroupV2Test {
    @TempDir
    Path dir;

    private static AgentDefinition limited() {
        return definition("lim", RuntimeKind.COMMAND, List.of("/bin/true"), "256m", 0.5, false, Map.of());
    }

    @Test
    void the_own_group_is_the_cgroup2_mount_plus_the_0_line() {
        List<String> cgroup = List.of("4:memory:/x", "0::/user.slice/cfn.service");
        List<String> mounts = List.of(
                "30 25 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate",
                "41 31 0:38 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");

        assertThat(CgroupV2.ownGroup(cgroup, mounts)).isEqualTo(Path.of("/sys/fs/cgroup/user.slice/cfn.service"));
        assertThat(CgroupV2.ownGroup(List.of("4:memory:/x"), mounts))
                .as("v1 only")
                .isNull();
        assertThat(CgroupV2.ownGroup(cgroup, List.of(mounts.get(1))))
                .as("no cgroup2 mount")
                .isNull();
    }

    @Test
    void a_folder_delegates_a_controller_only_when_its_subtree_control_lists_it() throws IOException {
        Files.writeString(dir.resolve("cgroup.subtree_control"), "cpu memory pids\n");

        assertThat(CgroupV2.delegates(dir, "memory")).isTrue();
        assertThat(CgroupV2.delegates(dir, "io")).isFalse();
        assertThat(CgroupV2.delegates(dir.resolve("missing"), "memory")).isFalse();
    }

    @Test
    void a_run_in_a_delegated_folder_gets_one_group_with_memory_max_and_cpu_max() throws IOException {
        Files.writeString(dir.resolve("cgroup.subtree_control"), "cpu memory\n");
        ResourceLimits v2 = new ResourceLimits(null, null, dir, dir, false, false, false, 2);

        LimitedLaunch launch = v2.prepare(limited(), "tok");

        Path group = dir.resolve("cfn-tok");
        assertThat(group.resolve("memory.max")).hasContent(Long.toString(256L << 20));
        assertThat(group.resolve("cpu.max")).hasContent("50000 100000");
        List<String> argv = launch.wrap(List.of("/bin/true"));
        assertThat(argv).containsSubsequence("cfn-limits", "1", group.toString(), "/bin/true");
        assertThat(v2.describe(limited()).get(0).how())
                .isEqualTo("cgroup v2 memory.max=268435456 in a delegated group below " + dir);
        assertThat(v2.describe(limited()).get(1).how())
                .isEqualTo("cgroup v2 cpu.max=\"50000 100000\" in a delegated group below " + dir);
    }

    @Test
    void where_systemd_runs_the_machine_a_transient_scope_carries_the_limits() {
        ResourceLimits scope = new ResourceLimits(null, null, null, null, true, true, true, 2);

        LimitedLaunch launch = scope.prepare(limited(), "tok");

        assertThat(launch.wrap(List.of("/bin/true")))
                .containsSubsequence(
                        "/usr/bin/systemd-run",
                        "--scope",
                        "--quiet",
                        "--collect",
                        "-p",
                        "MemoryMax=268435456",
                        "-p",
                        "MemorySwapMax=0",
                        "-p",
                        "CPUQuota=50%",
                        "--",
                        "/bin/true");
        assertThat(launch.memoryExceeded(137))
                .as("KILL under a scope's memory limit")
                .isTrue();
        assertThat(launch.memoryExceeded(1)).isFalse();
        assertThat(scope.describe(limited()).get(0).how())
                .isEqualTo("systemd-run --scope -p MemoryMax=268435456 (a transient scope systemd limits)");
    }

    @Test
    void on_the_real_unified_hierarchy_a_command_joins_its_v2_group_before_it_starts_and_the_group_goes_after()
            throws Exception {
        Path unified = unifiedMount();
        Assumptions.assumeTrue(unified != null && Files.isWritable(unified), "no writable cgroup2 mount here");
        Path group = Files.createDirectory(
                unified.resolve("cfn-test-" + ProcessHandle.current().pid()));
        LimitedLaunch launch = new LimitedLaunch(List.of(group), List.of());
        try {
            Process p = new ProcessBuilder(launch.wrap(List.of("cat", "/proc/self/cgroup"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(out.lines()).contains("0::/" + group.getFileName());
        } finally {
            launch.close();
        }
        assertThat(group).doesNotExist();
    }

    private static Path unifiedMount() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                return Path.of(halves[0].split(" ")[4]);
            }
        }
        return null;
    }
}
