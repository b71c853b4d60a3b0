package dev.cfn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real {@code cfn} program ({@code java -jar target/cfn.jar}) as a child process with a
 * clean environment, capturing its exit code, stdout and stderr. Thread-safe.
 */
public final class Cfn {
    /** Strict: one JSON document, nothing after it. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path home;
    private final Path scratch;
    private final Map<String, String> env = new HashMap<>();

    /** A runner whose commands get {@code --home home}; outputs are kept under {@code scratch}. */
    public Cfn(Path home, Path scratch) {
        this.home = home;
        this.scratch = scratch;
        env.put("LANG", "C.UTF-8");
    }

    public Path home() {
        return home;
    }

    public Path dbFile() {
        return home.resolve("cfn.db");
    }

    /** Sets (or with null removes) a variable of the children's environment. */
    public Cfn env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** The fat jar Failsafe built; its path comes from the {@code cfn.jar} system property. */
    public static Path jar() {
        String jar = System.getProperty("cfn.jar");
        assertThat(jar).as("system property cfn.jar (set by Failsafe)").isNotNull();
        assertThat(Path.of(jar)).as("the packaged jar").exists();
        return Path.of(jar);
    }

    /** Runs {@code cfn --home HOME args...} and waits for it. */
    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return runExactly(all);
    }

    /** Runs {@code cfn args...} exactly as given (no --home added). */
    public Result runExactly(List<String> args) {
        return start(args).await();
    }

    /** Starts {@code cfn --home HOME args...} without waiting. */
    public Running startWithHome(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return start(all);
    }

    private Running start(List<String> args) {
        warmUp();
        List<String> command = javaCommand();
        command.addAll(args);
        int n = RUNS.incrementAndGet();
        Path out = scratch.resolve("run-" + n + ".out");
        Path err = scratch.resolve("run-" + n + ".err");
        try {
            Files.createDirectories(scratch);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(scratch.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("CFN_") || k.startsWith("LC_") || k.equals("LANG"));
            builder.environment().putAll(env);
            return new Running(builder.start(), String.join(" ", args), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM command line: start-up flags as bin/cfn uses, plus (once {@link #warmUp} made it) a
     * class-data archive of this test JVM's own, so the many short runs start with a third less
     * CPU. JVM logging is off so nothing but cfn's own output reaches stdout and stderr.
     */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xlog:disable"));
        if (archive != null) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(List.of("-jar", jar().toString()));
        return command;
    }

    private static volatile boolean warm;
    private static volatile Path archive;

    /**
     * Once per test JVM, before any other run: one representative command (it opens a database
     * and queries it) that dumps the classes it loaded into a fresh archive. Fresh, so it always
     * matches the jar; read-only afterwards, so concurrent runs never race to write it. If
     * anything goes wrong the runs simply go without it.
     */
    private static synchronized void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        try {
            Path dir = Files.createTempDirectory("cfn-it-cds");
            Path file = dir.resolve("cfn.jsa");
            List<String> command = javaCommand();
            command.add(command.size() - 2, "-XX:ArchiveClassesAtExit=" + file);
            command.addAll(List.of("--home", dir.resolve("home").toString(), "skill", "list", "--json"));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(file) > 0) {
                archive = file;
            }
            deleteTree(dir.resolve("home"));
            dir.toFile().deleteOnExit(); // deleted last: files registered later go first
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            // no archive: runs start a little slower, nothing else changes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A started process. */
    public record Running(Process process, String commandLine, Path out, Path err) {
        public Result await() {
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("cfn " + commandLine + " did not finish within 120 s");
                }
                return new Result(
                        commandLine,
                        process.exitValue(),
                        Files.readAllBytes(out),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What a finished process printed and returned. */
    public record Result(String commandLine, int exit, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        /** The single JSON document on stdout (fails if there is anything else). */
        public JsonNode json() {
            try {
                return JSON.readTree(stdoutBytes);
            } catch (IOException e) {
                throw new AssertionError(
                        "stdout of 'cfn " + commandLine + "' is not one JSON document: " + stdout(), e);
            }
        }

        /** Asserts success with nothing on stderr, and returns this. */
        public Result ok() {
            assertThat(exit)
                    .as("exit of 'cfn %s'; stderr: %s", commandLine, stderr)
                    .isZero();
            return this;
        }

        /** Asserts the exit code and a single {@code cfn: ...} line on stderr, and returns that line. */
        public String fails(int expectedExit) {
            assertThat(exit)
                    .as("exit of 'cfn %s'; stderr: %s", commandLine, stderr)
                    .isEqualTo(expectedExit);
            assertThat(stderr)
                    .as("stderr of 'cfn %s'", commandLine)
                    .startsWith("cfn: ")
                    .endsWith("\n");
            assertThat(stderr.lines()).as("stderr of 'cfn %s'", commandLine).hasSize(1);
            return stderr.strip();
        }

        @Override
        public String toString() {
            return "cfn " + commandLine + " -> " + exit + "\n" + stdout() + stderr;
        }
    }
}
