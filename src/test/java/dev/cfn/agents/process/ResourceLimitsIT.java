package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceLimitsIT {
    /** Touches 300 MB, then answers. */
    private static final String HOG =
            "#!/usr/bin/env python3\n" + "data = b'x' * (300 * 1024 * 1024)\n" + "print('{\"confidence\": 1.0}')\n";

    @TempDir
    Path dir;

    private AgentResult runHog(ResourceLimits limits, String memory) throws Exception {
        Path hog = script(dir, "hog.py", HOG);
        AgentDefinition d =
                definition("hog", RuntimeKind.COMMAND, List.of(hog.toString()), memory, null, false, Map.of());
        ProcessAgentRuntime runtime =
                new ProcessAgentRuntime(new ProcessRunner(ProcessReaper.global(), limits, Duration.ofMillis(500)));
        return runtime.run(invocation(d, dir, Duration.ofSeconds(60)));
    }

    @Test
    void a_memory_hungry_agent_fails_under_a_small_limit_with_the_machines_mechanism() throws Exception {
        ResourceLimits limits = ResourceLimits.detect();
        EnforcedLimit memory = limits.describe(
                        definition("hog", RuntimeKind.COMMAND, List.of("python3"), "64m", null, false, Map.of()))
                .get(0);
        Assumptions.assumeTrue(memory.enforced(), "no memory limit mechanism on this machine: " + memory.how());

        AgentResult limited = runHog(limits, "64m");

        assertThat(limited.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(limited.confidence()).isZero();
        assertThat(limited.confidenceReason()).startsWith("exited with code ");
        if (memory.how().startsWith("cgroup")) {
            assertThat(limited.confidenceReason()).contains("(memory limit 64m exceeded)");
        }
    }

    @Test
    void the_same_agent_succeeds_without_a_limit() throws Exception {
        AgentResult free = runHog(ResourceLimits.detect(), null);

        assertThat(free.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(free.confidence()).isEqualTo(1.0);
    }

    @Test
    void prlimit_stops_a_memory_hungry_agent_when_cgroups_are_not_used() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "no /usr/bin/prlimit here");

        AgentResult limited = runHog(new ResourceLimits(null, null, true, false, 2), "64m");

        assertThat(limited.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(limited.confidenceReason()).startsWith("exited with code 1: MemoryError");
    }

    @Test
    void cgroups_of_a_run_are_removed_after_it() throws Exception {
        ResourceLimits limits = ResourceLimits.detect();
        EnforcedLimit memory = limits.describe(
                        definition("x", RuntimeKind.COMMAND, List.of("true"), "64m", 0.5, false, Map.of()))
                .get(0);
        Assumptions.assumeTrue(memory.how().startsWith("cgroup"), "no writable cgroup here: " + memory.how());
        Path parent = Path.of(memory.how().substring(memory.how().indexOf(" below ") + 7));

        runHog(limits, "64m");
        ProcessReaper.global().awaitSweeps();

        try (var groups = Files.list(parent)) {
            assertThat(groups.map(p -> p.getFileName().toString()))
                    .noneMatch(
                            n -> n.startsWith("cfn-" + ProcessHandle.current().pid() + "-"));
        }
    }

    @Test
    void describe_says_what_applies_and_how() {
        AgentDefinition d =
                definition("x", RuntimeKind.COMMAND, List.of("java", "-jar", "a.jar"), "512m", 1.0, false, Map.of());

        List<EnforcedLimit> none = ResourceLimits.none().describe(d);
        assertThat(none.get(0))
                .isEqualTo(new EnforcedLimit(
                        "memory", "512m", false, "not enforced: no writable cgroup and no prlimit on this machine"));
        List<EnforcedLimit> prlimitOnly = new ResourceLimits(null, null, true, true, 2).describe(d);
        assertThat(prlimitOnly.get(0).how())
                .isEqualTo("not enforced: no writable cgroup, and prlimit --as would stop a JVM command from starting");
        assertThat(prlimitOnly.get(1))
                .isEqualTo(new EnforcedLimit("cpus", "1", true, "taskset -c 0-0 (1 of 2 CPUs; whole CPUs only)"));
        assertThat(prlimitOnly.get(2).resource()).isEqualTo("timeout");
        assertThat(prlimitOnly.get(2).enforced()).isTrue();
    }
}
