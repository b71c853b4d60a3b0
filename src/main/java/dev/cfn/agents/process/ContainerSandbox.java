package dev.cfn.agents.process;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.ContainerException;
import dev.cfn.agents.container.ContainerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts an agent's process in a container ({@code sandbox: container}): the engine found from cfn's
 * environment ({@code container.engine} in {@code <home>/config}, else podman, else docker), the
 * definition's image (else {@code container.image}), the workdir mounted at its own path, no
 * network unless {@code network: true}, a tmpfs {@code /tmp}, the definition's memory and cpus, a
 * pids limit, and the labels {@code cfn.run}, {@code cfn.agent} and {@code cfn.owner} (cfn's pid).
 * The engine's client process is what cfn starts and waits for; the agent's environment reaches
 * the container by name only ({@code -e NAME}). Thread-safe.
 */
final class ContainerSandbox {
    static final int DEFAULT_PIDS = 1024;
    static final String RUN_LABEL = "cfn.run";
    static final String AGENT_LABEL = "cfn.agent";
    static final String OWNER_LABEL = "cfn.owner";

    /** What the engine's client needs of cfn's environment to reach its engine (never passed into a container). */
    private static final Set<String> CLIENT_KEYS = Set.of(
            "XDG_RUNTIME_DIR",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "CONTAINERS_CONF",
            "CONTAINERS_STORAGE_CONF",
            "CONTAINER_HOST",
            "DOCKER_HOST",
            "DOCKER_CONFIG",
            "DBUS_SESSION_BUS_ADDRESS");

    /** Not passed into a container: its /tmp is its own tmpfs, the host's temp folder is not there. */
    private static final Set<String> HOST_ONLY = Set.of("TMPDIR");

    private final Map<String, String> cfnEnv;
    private volatile Optional<ContainerEngine> engine;

    ContainerSandbox(Map<String, String> cfnEnv) {
        this.cfnEnv = Map.copyOf(cfnEnv);
    }

    /** The engine, or a one-line error saying how to get one. */
    ContainerEngine engine() {
        Optional<ContainerEngine> e = engine;
        if (e == null) {
            e = ContainerEngine.find(cfnEnv);
            engine = e;
        }
        return e.orElseThrow(() -> new ContainerException(
                "sandbox container: no container engine found (install podman, or name one with container.engine in"
                        + " <home>/config)"));
    }

    /** The image {@code d} runs in: its {@code image:}, else {@code container.image}. */
    String image(AgentDefinition d) {
        if (d.image() != null) {
            return d.image();
        }
        String configured = cfnEnv.get(ContainerEngine.IMAGE_VARIABLE);
        if (configured == null || configured.isBlank()) {
            throw new ContainerException("sandbox container: agent " + d.name()
                    + " names no image (set 'image:' in its definition, or container.image in <home>/config)");
        }
        return configured.strip();
    }

    /** The container's name for a run marked {@code token}. */
    static String name(String token) {
        return "cfn-" + token;
    }

    /**
     * The container of one agent run or one warm agent, and the environment its engine client gets:
     * the agent's environment plus what the client needs to reach its engine.
     */
    Prepared prepare(AgentInvocation invocation, String token, Map<String, String> agentEnv, List<String> command) {
        AgentDefinition d = invocation.definition();
        ContainerEngine e = engine();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_LABEL, invocation.taskId());
        labels.put(AGENT_LABEL, invocation.agentId());
        labels.put(OWNER_LABEL, Long.toString(ProcessHandle.current().pid()));
        List<String> names = agentEnv.keySet().stream()
                .filter(n -> !HOST_ONLY.contains(n))
                .sorted()
                .toList();
        Path workdir = invocation.workdir().toAbsolutePath().normalize();
        List<Path> readOnly = new ArrayList<>();
        for (String arg : command) {
            // a program beside a definition outside the workdir, a file a runtime hands its process
            // by path (Claude Code's prompt file): mounted read-only, that file alone
            Path file = arg.startsWith("/") ? Path.of(arg).normalize() : null;
            if (file != null
                    && !file.startsWith(workdir)
                    && !isSystemPath(file)
                    && Files.isRegularFile(file)
                    && !readOnly.contains(file)) {
                readOnly.add(file);
            }
        }
        Long memory = d.memory() == null ? null : Quantities.memoryBytes(d.memory());
        ContainerSpec spec = new ContainerSpec(
                name(token),
                image(d),
                workdir,
                readOnly,
                d.network(),
                memory,
                d.cpus(),
                d.pids() == null ? DEFAULT_PIDS : d.pids(),
                labels,
                names);
        Map<String, String> clientEnv = new LinkedHashMap<>(agentEnv);
        cfnEnv.forEach((k, v) -> {
            if (CLIENT_KEYS.contains(k)) {
                clientEnv.putIfAbsent(k, v);
            }
        });
        if (!clientEnv.containsKey("PATH") && cfnEnv.containsKey("PATH")) {
            clientEnv.put("PATH", cfnEnv.get("PATH"));
        }
        return new Prepared(e, spec, clientEnv, names, new Removal(e, spec.name()));
    }

    private static boolean isSystemPath(Path p) {
        return p.startsWith("/bin") || p.startsWith("/usr") || p.startsWith("/sbin") || p.startsWith("/lib");
    }

    /**
     * One prepared container.
     *
     * @param clientEnv the whole environment of the engine's client process
     * @param envNames the variables passed into the container
     * @param removal removes the container (idempotent)
     */
    record Prepared(
            ContainerEngine engine,
            ContainerSpec spec,
            Map<String, String> clientEnv,
            List<String> envNames,
            Removal removal) {
        /** The argv of a one-shot run. */
        List<String> runArgv(List<String> command, boolean stdin) {
            return engine.run(spec, command, stdin);
        }
    }

    /** Removes one container; safe to call more than once and from an interrupted thread. */
    static final class Removal implements AutoCloseable {
        private final ContainerEngine engine;
        private final String name;
        private volatile boolean removed;

        Removal(ContainerEngine engine, String name) {
            this.engine = engine;
            this.name = name;
        }

        String name() {
            return name;
        }

        @Override
        public void close() {
            if (removed) {
                return;
            }
            boolean interrupted = Thread.interrupted();
            try {
                engine.remove(name);
                removed = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
