package dev.cfn.agents.container;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A container engine's CLI (podman or docker): the argv that runs a command in a container, starts
 * a warm one or execs into it, and the calls that remove containers by name or by label. The CLI,
 * not the engine's API socket: podman needs no daemon (there is no socket unless {@code podman
 * system service} runs), the CLI is what a user checks with, and a cold start is dominated by the
 * container's creation either way (see docs/deployment.md). Immutable and thread-safe.
 */
public final class ContainerEngine {
    /** Names the engine: {@code podman}, {@code docker}, or a path to either (from {@code container.engine}). */
    public static final String ENGINE_VARIABLE = "CFN_CONTAINER_ENGINE";

    /** The default image of sandboxed agents (from {@code container.image}). */
    public static final String IMAGE_VARIABLE = "CFN_CONTAINER_IMAGE";

    /** What keeps a warm container alive until it is removed: present in busybox and Debian images. */
    static final List<String> KEEP_ALIVE = List.of("sleep", "2147483647");

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Path program;
    private final boolean docker;

    ContainerEngine(Path program) {
        this.program = program;
        this.docker = program.getFileName().toString().contains("docker");
    }

    /**
     * The engine {@code env} names ({@value #ENGINE_VARIABLE}: a name looked up on its {@code PATH},
     * or a path), else podman on {@code PATH}, else docker; empty when there is none.
     */
    public static Optional<ContainerEngine> find(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        String named = env.get(ENGINE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return onPath(named.strip(), path).map(ContainerEngine::new);
        }
        return onPath("podman", path).or(() -> onPath("docker", path)).map(ContainerEngine::new);
    }

    private static Optional<Path> onPath(String name, String path) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The engine's program. */
    public Path program() {
        return program;
    }

    /** {@code podman} or {@code docker}. */
    public String kind() {
        return docker ? "docker" : "podman";
    }

    /**
     * Runs {@code command} in a new container that is removed when it ends ({@code run --rm}, with
     * an init process that passes signals on and reaps orphans).
     *
     * @param stdin true to keep stdin attached ({@code -i})
     */
    public List<String> run(ContainerSpec spec, List<String> command, boolean stdin) {
        List<String> argv = new ArrayList<>(List.of(program.toString(), "run", "--rm"));
        if (stdin) {
            argv.add("-i");
        }
        addSpec(argv, spec);
        argv.addAll(command);
        return argv;
    }

    /** Starts a container that waits ({@code run -d}) for commands given by {@link #exec}. */
    public List<String> start(ContainerSpec spec) {
        List<String> argv = new ArrayList<>(List.of(program.toString(), "run", "-d"));
        addSpec(argv, spec);
        argv.addAll(KEEP_ALIVE);
        return argv;
    }

    /** Runs {@code command} in the started container {@code name}, in {@code workdir}. */
    public List<String> exec(String name, Path workdir, List<String> envNames, List<String> command, boolean stdin) {
        List<String> argv = new ArrayList<>(List.of(program.toString(), "exec"));
        if (stdin) {
            argv.add("-i");
        }
        argv.addAll(List.of("-w", workdir.toAbsolutePath().toString()));
        envNames.forEach(n -> argv.addAll(List.of("-e", n)));
        argv.add(name);
        argv.addAll(command);
        return argv;
    }

    private void addSpec(List<String> argv, ContainerSpec s) {
        String wd = s.workdir().toAbsolutePath().toString();
        argv.addAll(List.of("--init", "--name", s.name()));
        if (!s.network()) {
            argv.addAll(List.of("--network", "none"));
        }
        argv.addAll(List.of("--tmpfs", "/tmp", "-v", wd + ":" + wd, "-w", wd));
        for (Path p : s.readOnly()) {
            String abs = p.toAbsolutePath().toString();
            argv.addAll(List.of("-v", abs + ":" + abs + ":ro"));
        }
        if (s.memoryBytes() != null) {
            argv.addAll(List.of(
                    "--memory",
                    s.memoryBytes().toString(),
                    "--memory-swap",
                    s.memoryBytes().toString()));
        }
        if (s.cpus() != null) {
            argv.addAll(List.of("--cpus", s.cpus().toString()));
        }
        argv.addAll(List.of("--pids-limit", Integer.toString(s.pids())));
        new TreeMap<>(s.labels()).forEach((k, v) -> argv.addAll(List.of("--label", k + "=" + v)));
        s.envNames().forEach(n -> argv.addAll(List.of("-e", n)));
        argv.add(s.image());
    }

    /**
     * Starts the container of {@link #start} and returns once it runs.
     *
     * @param clientEnv the client's environment (the values of the spec's {@code envNames})
     * @throws ContainerException naming the engine's last line when it cannot be started
     */
    public void startDetached(ContainerSpec spec, Map<String, String> clientEnv) {
        Call c = call(start(spec), clientEnv);
        if (c.exit() != 0) {
            throw new ContainerException(
                    "cannot start container " + spec.name() + " (" + spec.image() + "): " + c.lastLine());
        }
    }

    /** Removes the container {@code name} at once (killing what runs in it); nothing if it is gone. */
    public void remove(String name) {
        List<String> argv = new ArrayList<>(List.of(program.toString(), "rm", "-f"));
        if (!docker) {
            argv.addAll(List.of("-t", "0", "--ignore"));
        }
        argv.add(name);
        call(argv);
    }

    /** The names of the containers (running or not) labelled {@code key=value}. */
    public List<String> labelled(String key, String value) {
        Call c = call(List.of(
                program.toString(), "ps", "-a", "--filter", "label=" + key + "=" + value, "--format", "{{.Names}}"));
        if (c.exit() != 0) {
            throw new ContainerException(kind() + " ps failed: " + c.lastLine());
        }
        return c.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Removes every container labelled {@code key=value}.
     *
     * @return how many were removed
     */
    public int removeLabelled(String key, String value) {
        List<String> names = labelled(key, value);
        if (names.isEmpty()) {
            return 0;
        }
        List<String> argv = new ArrayList<>(List.of(program.toString(), "rm", "-f"));
        if (!docker) {
            argv.addAll(List.of("-t", "0", "--ignore"));
        }
        argv.addAll(names);
        call(argv);
        return names.size();
    }

    /** True when {@code image} is present locally (no registry is asked). */
    public boolean hasImage(String image) {
        return call(List.of(program.toString(), "image", "inspect", "--format", "{{.Id}}", image))
                        .exit()
                == 0;
    }

    /**
     * The engine's version line, or why it cannot be read; for docker also its daemon's version
     * (client and daemon are separate programs, often of different versions), or why none answers.
     */
    public String version() {
        Call c = call(List.of(program.toString(), "--version"));
        if (c.exit() != 0) {
            return "(" + program + " --version failed: " + c.lastLine() + ")";
        }
        if (!docker) {
            return c.output().strip();
        }
        Call server = call(List.of(program.toString(), "version", "--format", "{{.Server.Version}}"));
        return c.output().strip()
                + (server.exit() == 0
                        ? "; daemon " + server.output().strip()
                        : "; no daemon answers: " + server.lastLine());
    }

    /** The output and exit code of one engine call. */
    record Call(int exit, String output) {
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        }
    }

    /** Runs one engine call to its end (stdout and stderr together), at most {@link #CALL_TIMEOUT}. */
    Call call(List<String> argv) {
        return call(argv, null);
    }

    /** As {@link #call(List)}, with exactly {@code env} as the client's environment (null: cfn's). */
    Call call(List<String> argv, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv);
            if (env != null) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            Process p = builder.redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Call(-1, "timed out");
            }
            return new Call(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Call(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(-1, "interrupted");
        }
    }
}
