package dev.cfn.agents.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The image container tests run in: a busybox rootfs (Debian's busybox-static) imported into the
 * local engine under a test-only tag, built once and kept (no registry is reachable here). Tests
 * skip with the reason when there is no engine or no static busybox.
 */
public final class TestImage {
    public static final String NAME = "localhost/cfn-test-busybox:1";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of(
            "sh", "cat", "echo", "sleep", "ls", "mkdir", "rm", "head", "tail", "dd", "env", "printf", "id", "touch",
            "true", "false", "wc", "grep", "sed", "tr", "wget", "nc", "ip", "cut", "kill", "ps", "pwd", "date");

    private TestImage() {}

    /** The engine with the test image present; skips the test when either cannot be had. */
    public static synchronized ContainerEngine engine() {
        Optional<ContainerEngine> found = ContainerEngine.find(System.getenv());
        Assumptions.assumeTrue(
                found.isPresent(), "no container engine (podman or docker) on PATH: container tests skipped");
        return withImage(found.get());
    }

    /**
     * The engine named {@code name} ({@code podman} or {@code docker}) with the test image present;
     * skips the test when it is not on {@code PATH}, when its daemon does not answer (docker), or
     * when the image cannot be built.
     */
    public static synchronized ContainerEngine engine(String name) {
        Optional<ContainerEngine> found = ContainerEngine.find(env(name));
        Assumptions.assumeTrue(found.isPresent(), "no " + name + " on PATH: " + name + " container tests skipped");
        ContainerEngine engine = found.get();
        if (engine.kind().equals("docker")) {
            Assumptions.assumeTrue(
                    answers(engine),
                    "no docker daemon answers (" + engine.program()
                            + " info gave no answer within 10 s; start dockerd): docker container tests skipped");
        }
        return withImage(engine);
    }

    private static ContainerEngine withImage(ContainerEngine engine) {
        if (!engine.hasImage(NAME)) {
            build(engine);
        }
        return engine;
    }

    /** True when the engine's daemon answers {@code info} within 10 seconds. */
    private static boolean answers(ContainerEngine engine) {
        try {
            Process p = new ProcessBuilder(engine.program().toString(), "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void build(ContainerEngine engine) {
        Assumptions.assumeTrue(
                Files.isExecutable(BUSYBOX) && isStatic(),
                "no static busybox at /bin/busybox (apt-get install busybox-static): container tests skipped");
        Path root = null;
        Path tar = null;
        try {
            root = Files.createTempDirectory("cfn-busybox-root");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("etc"));
            Files.copy(BUSYBOX, root.resolve("bin/busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            tar = Files.createTempFile("cfn-busybox", ".tar");
            run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."));
            run(importArgv(engine, List.of(), tar, NAME));
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the test image: " + e.getMessage(), e);
        } finally {
            delete(root);
            delete(tar);
        }
    }

    /** {@code import} of a rootfs tarball as {@code image}: quiet on podman (docker has no {@code -q}). */
    private static List<String> importArgv(ContainerEngine engine, List<String> options, Path tar, String image) {
        List<String> argv = new ArrayList<>(List.of(engine.program().toString(), "import"));
        if (!engine.kind().equals("docker")) {
            argv.add("-q");
        }
        argv.addAll(options);
        argv.addAll(List.of(tar.toString(), image));
        return argv;
    }

    private static boolean isStatic() {
        try {
            byte[] head = Files.readAllBytes(BUSYBOX);
            // a dynamically linked ELF names its interpreter; a static one does not
            return !new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("/lib64/ld-linux");
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> argv) throws IOException {
        ContainerEngine.Call c = new ContainerEngine(Path.of(argv.get(0))).call(argv);
        if (c.exit() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + c.output());
        }
    }

    private static void delete(Path p) {
        if (p == null) {
            return;
        }
        try (var walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // a temp file left in /tmp is the worst case
        }
    }

    /** An image holding this machine's Claude Code CLI (a native binary) and the glibc it links. */
    public static final String CLAUDE = "localhost/cfn-test-claude:1";

    /**
     * The engine with {@link #CLAUDE} present, built once from the busybox root plus the claude
     * binary and the libraries {@code ldd} names; skips without the CLI or the engine.
     */
    public static synchronized ContainerEngine claudeEngine(Path claudeBinary) {
        ContainerEngine engine = engine();
        if (engine.hasImage(CLAUDE)) {
            return engine;
        }
        Path root = null;
        Path tar = null;
        try {
            root = Files.createTempDirectory("cfn-claude-root");
            for (String d : List.of("bin", "tmp", "etc", "root", "usr/local/bin")) {
                Files.createDirectories(root.resolve(d));
            }
            Files.copy(BUSYBOX, root.resolve("bin/busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            Files.copy(claudeBinary, root.resolve("usr/local/bin/claude"));
            ContainerEngine.Call ldd = engine.call(List.of("ldd", claudeBinary.toString()));
            for (String line : ldd.output().lines().toList()) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("(/\\S+)").matcher(line);
                while (m.find()) {
                    Path lib = Path.of(m.group(1));
                    if (Files.isRegularFile(lib)) {
                        Path to = root.resolve(lib.toString().substring(1));
                        Files.createDirectories(to.getParent());
                        Files.copy(lib.toRealPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            tar = Files.createTempFile("cfn-claude", ".tar");
            run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."));
            run(importArgv(engine, List.of("--change", "ENV PATH=/usr/local/bin:/bin"), tar, CLAUDE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the Claude Code test image: " + e.getMessage(), e);
        } finally {
            delete(root);
            delete(tar);
        }
        return engine;
    }

    /** cfn's environment for a sandboxed runner: this JVM's, with the test image as the default. */
    public static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put(ContainerEngine.IMAGE_VARIABLE, NAME);
        return Map.copyOf(env);
    }

    /** As {@link #env()}, with the engine named {@code name} ({@code podman} or {@code docker}). */
    public static Map<String, String> env(String name) {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put(ContainerEngine.ENGINE_VARIABLE, name);
        return Map.copyOf(env);
    }
}
