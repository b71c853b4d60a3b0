package dev.cfn.coord;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of a test's own, on a free port, as a child process: no persistence, a password,
 * and the means to kill, restart, suspend and resume it.
 */
final class RedisServerProcess implements AutoCloseable {
    static final String PASSWORD = "it-secret";

    private final int port;
    private final Path log;
    private Process process;

    RedisServerProcess(Path logDir) {
        this.port = freePort();
        this.log = logDir.resolve("redis-" + port + ".log");
    }

    /** True when a redis-server binary can be run here. */
    static boolean installed() {
        try {
            return new ProcessBuilder("redis-server", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** The URL with the password, as an agent would configure it. */
    String url() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** Starts the server and returns once it accepts connections. */
    RedisServerProcess start() throws IOException {
        return start(List.of());
    }

    /** Starts the server with extra arguments (e.g. {@code --rename-command CONFIG ""}). */
    RedisServerProcess start(List<String> extra) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--requirepass",
                PASSWORD));
        command.addAll(extra);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::accepts);
        return this;
    }

    /** Kills the server (SIGKILL) and returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
    void suspend() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String which) throws Exception {
        new ProcessBuilder("kill", which, String.valueOf(process.pid())).start().waitFor();
    }

    private boolean accepts() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            resume();
            kill();
        }
    }
}
