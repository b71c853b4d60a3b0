package dev.cfn.cli.coord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/cfn.jar ...} as a real child process, as a shell script would. */
final class CfnProcess {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CfnProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code cfn --home HOME args...} without waiting for it. */
    static CfnProcess start(Path home, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(List.of(java, "-jar", System.getProperty("cfn.jar"), "--home", home.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home.getParent(), "cfn-out", ".txt");
        Path err = Files.createTempFile(home.getParent(), "cfn-err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new CfnProcess(process, out, err);
    }

    /** Runs {@code cfn --home HOME args...} to completion (at most 60 s). */
    static CfnProcess run(Path home, String... args) throws Exception {
        return start(home, args).finish();
    }

    CfnProcess finish() throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cfn did not exit within 60 s");
        }
        return this;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }
}
