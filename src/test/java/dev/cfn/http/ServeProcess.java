package dev.cfn.http;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code cfn serve --port 0} child process ({@code target/cfn.jar}, system property {@code
 * cfn.jar}) on its own home, with the bundled example skills imported; no CFN_* variable inherited.
 * It runs in the home's parent folder, so loops may use folders there (the default {@code api.roots}).
 * The URL and the dashboard's link are read from the line it prints once listening.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("listening on (http://\\S+) \\(dashboard: (\\S+) ");

    private final Process process;
    private final Path home;
    private final Path err;
    private final String url;
    private final String dashboard;

    private ServeProcess(Process process, Path home, Path err, String url, String dashboard) {
        this.process = process;
        this.home = home;
        this.err = err;
        this.url = url;
        this.dashboard = dashboard;
    }

    /** A home at {@code home} with {@code examples/skills} imported (two of them await approval). */
    static void seed(Path home) throws Exception {
        run(home, Map.of(), "init");
        run(
                home,
                Map.of(),
                "skill",
                "import",
                basedir().resolve("examples/skills").toString());
    }

    static ServeProcess start(Path home, Map<String, String> env, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(List.of(extra));
        Path out = Files.createTempFile(home, "serve", ".out");
        Path err = Files.createTempFile(home, "serve", ".err");
        Process p = builder(home, env, args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        String[] found = new String[2];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("cfn serve exited " + p.exitValue() + ": " + Files.readString(err));
            }
            Matcher m = URL.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                found[0] = m.group(1);
                found[1] = m.group(2);
            }
            return found[0] != null;
        });
        return new ServeProcess(p, home, err, found[0], found[1]);
    }

    /** Runs a one-shot cfn command on {@code home}; returns its exit code (its stderr on failure). */
    static int run(Path home, Map<String, String> env, String... args) throws Exception {
        Process p = builder(home, env, List.of(args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(home.resolve("cli.err").toFile())
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("cfn " + String.join(" ", args) + " did not finish");
        }
        return p.exitValue();
    }

    private static ProcessBuilder builder(Path home, Map<String, String> env, List<String> args) throws IOException {
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of(System.getProperty("cfn.jar", "target/cfn.jar"))
                        .toAbsolutePath()
                        .toString(),
                "--home",
                home.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toAbsolutePath().getParent().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CFN_"));
        builder.environment().putAll(env);
        return builder;
    }

    static Path basedir() {
        return Path.of(System.getProperty("cfn.basedir", ".")).toAbsolutePath();
    }

    String url() {
        return url;
    }

    /** The link it printed for the dashboard: {@code /?token=...} when a token is in use. */
    String dashboard() {
        return dashboard;
    }

    /** The token it made in its home ({@code api-token}). */
    String token() throws IOException {
        return Files.readString(home.resolve("api-token")).strip();
    }

    /** A client sending the home's token, as the README's curl examples do. */
    Http http() throws IOException {
        return new Http(url, token());
    }

    /** What it printed on stderr so far, for failure messages. */
    String stderr() throws IOException {
        return Files.readString(err);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the server stops cleanly
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
