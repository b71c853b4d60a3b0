package dev.cfn.agents.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One persistent agent process of a {@link WarmPool}: it reads one JSON task per line on stdin and
 * answers with one JSON line on stdout. Used by one task at a time (the pool hands it out).
 */
final class WarmWorker {
    static final int MAX_LINE = 1024 * 1024;

    private final Process process;
    private final String token;
    private final Writer stdin;
    private final BufferedReader stdout;
    private volatile boolean timedOut;

    private WarmWorker(Process process, String token) {
        this.process = process;
        this.token = token;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the process with exactly {@code env}; throws IOException when the command cannot run. */
    static WarmWorker start(List<String> argv, Path workdir, Map<String, String> env, Path log, String token)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workdir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear(); // not inherited: an allowlist, see AgentEnvironment
        builder.environment().putAll(env);
        return new WarmWorker(builder.start(), token);
    }

    /** Thrown when the worker died, broke the protocol or missed its deadline; it must be replaced. */
    static final class Failure extends Exception {
        private final boolean timedOut;

        Failure(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * Sends one task line and returns the answer line (the next line that starts with '{'; other
     * lines are skipped). A watchdog on {@code scheduler} kills the worker at the deadline.
     */
    String ask(String taskLine, Duration timeout, ScheduledExecutorService scheduler) throws Failure {
        ScheduledFuture<?> watchdog = scheduler.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            stdin.write(taskLine);
            stdin.write('\n');
            stdin.flush();
            String line;
            while ((line = readLine()) != null) {
                if (line.stripLeading().startsWith("{")) {
                    return line;
                }
            }
            throw new Failure(ended(), timedOut);
        } catch (IOException e) {
            throw new Failure(timedOut ? ended() : "warm agent stopped talking: " + e.getMessage(), timedOut);
        } finally {
            watchdog.cancel(false);
        }
    }

    private String ended() {
        if (timedOut) {
            return null;
        }
        try {
            return "warm agent exited with code "
                    + process.onExit().get(1, TimeUnit.SECONDS).exitValue() + " before answering";
        } catch (Exception e) {
            return "warm agent closed its stdout before answering";
        }
    }

    private String readLine() throws IOException, Failure {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = stdout.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new Failure("warm agent wrote a line longer than 1 MiB", false);
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /**
     * The deadline passed. A worker that is still running timed out; one that already died but
     * whose stdout a leftover process still holds open failed (its exit code says why), and that
     * leftover is ended by its marker so the blocked read sees EOF.
     */
    private void expire() {
        timedOut = process.isAlive();
        kill();
        ProcessReaper.global().sweep(java.util.Set.of(token));
    }

    /** Ends the worker's process tree at once. */
    void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Closes stdin (the worker's cue to exit), waits up to {@code grace}, then ends its tree. */
    void stop(Duration grace) {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // did not exit in time
        }
        ProcessTree.kill(process.toHandle(), Duration.ZERO);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    String token() {
        return token;
    }

    long pid() {
        return process.pid();
    }
}
