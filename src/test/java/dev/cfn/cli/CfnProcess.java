package dev.cfn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code cfn} program ({@code target/cfn.jar}, system property {@code cfn.jar}) as a child
 * process, with no CFN_* variables inherited; stdout and stderr go to files so a process can be
 * killed mid-way without losing what it printed.
 */
final class CfnProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private CfnProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** What a finished run printed and returned. */
    record Result(int exit, String out, String err) {}

    static CfnProcess start(Path logDir, String... args) throws IOException {
        return start(logDir, java.util.Map.of(), args);
    }

    /** Starts cfn with these environment variables added. */
    static CfnProcess start(Path logDir, java.util.Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("cfn.jar", "target/cfn.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path out = Files.createTempFile(logDir, "cfn", ".out");
        Path err = Files.createTempFile(logDir, "cfn", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CFN_"));
        builder.environment().putAll(env);
        return new CfnProcess(builder.start(), out, err);
    }

    static Result run(Path logDir, String... args) throws Exception {
        return start(logDir, args).await();
    }

    Result await() throws Exception {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cfn did not finish within 3 minutes: " + Files.readString(err));
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** For a failure message: whether it still runs and what it printed on stderr so far. */
    String describe() throws IOException {
        return (process.isAlive() ? "running" : "exited " + process.exitValue()) + ": " + Files.readString(err);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C. */
    void terminate() {
        process.destroy();
    }
}
