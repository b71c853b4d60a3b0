package dev.cfn.agents;

import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds agent scripts, definitions and invocations for tests of the runtimes. */
public final class AgentFixtures {
    private AgentFixtures() {}

    /** Writes an executable script. */
    public static Path script(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    public static AgentDefinition command(String name, List<String> argv) {
        return definition(name, RuntimeKind.COMMAND, argv, null, null, false, Map.of());
    }

    public static AgentDefinition definition(
            String name,
            RuntimeKind runtime,
            List<String> argv,
            String memory,
            Double cpus,
            boolean warm,
            Map<String, Object> extra) {
        return new AgentDefinition(
                name,
                "test agent",
                List.of(),
                null,
                runtime,
                argv,
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                null,
                warm,
                memory,
                cpus,
                "Do it.",
                Path.of(name + ".md"),
                extra);
    }

    public static AgentInvocation invocation(AgentDefinition d, Path dir, Duration timeout, int instance) {
        return new AgentInvocation(
                d,
                "task-1",
                d.name() + "-1-" + instance,
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of("task", "write hello", "iteration", 1),
                Map.of("CFN_REDIS_URL", "redis://127.0.0.1:6379"),
                timeout,
                dir.resolve("logs"));
    }

    public static AgentInvocation invocation(AgentDefinition d, Path dir, Duration timeout) {
        return invocation(d, dir, timeout, 1);
    }

    /** True when no such process exists any more (a zombie counts as gone). */
    public static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    public static long pidIn(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }
}
