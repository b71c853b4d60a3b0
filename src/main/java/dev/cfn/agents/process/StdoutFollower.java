package dev.cfn.agents.process;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Reads a followed process's stdout on a virtual thread: every byte goes to the copy (gzip when its
 * name ends in {@code .gz}, flushed per line so a partial copy is readable while the agent runs),
 * and each line goes to the {@link Launch.LineFollower}. A line longer than {@link #MAX_LINE} is
 * kept in the copy but not followed. When the follower throws, {@code stop} ends the process and
 * the reason is kept; the rest of the output is still copied.
 */
final class StdoutFollower {
    static final int MAX_LINE = 16 * 1024 * 1024;

    private final Launch.LineFollower follower;
    private final Runnable stop;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile String stopReason;

    private StdoutFollower(Launch.LineFollower follower, Runnable stop) {
        this.follower = follower;
        this.stop = stop;
    }

    /** Starts following {@code stdout} into {@code copy}; {@code stop} ends the process. */
    static StdoutFollower start(InputStream stdout, Path copy, Launch.LineFollower follower, Runnable stop) {
        StdoutFollower f = new StdoutFollower(follower, stop);
        Thread.ofVirtual().name("cfn-stdout").start(() -> f.read(stdout, copy));
        return f;
    }

    /** Why the follower ended the process, or null. */
    String stopReason() {
        return stopReason;
    }

    /**
     * Waits up to {@code grace} for the end of stdout (a detached grandchild may hold it open until
     * the marker sweep ends it). Restores the interrupt flag if interrupted.
     */
    void await(Duration grace) {
        try {
            done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // read what there is: the copy completes when the holder is swept
        }
    }

    private void read(InputStream stdout, Path copy) {
        OutputStream out = open(copy);
        try (InputStream in = stdout) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            boolean oversized = false;
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out = write(out, buffer, n);
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        if (!append(line, buffer, from, i - from, oversized)) {
                            follow(line.toString(StandardCharsets.UTF_8));
                        }
                        line.reset();
                        oversized = false;
                        from = i + 1;
                    }
                }
                oversized = append(line, buffer, from, n - from, oversized);
            }
            if (line.size() > 0 && !oversized) {
                follow(line.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the pipe broke (the process was killed): what was read stands
        } finally {
            close(out);
            done.complete(null);
        }
    }

    /** Adds to the line unless it is already too long; returns whether it is now too long. */
    private static boolean append(ByteArrayOutputStream line, byte[] bytes, int from, int length, boolean oversized) {
        if (oversized || line.size() + length > MAX_LINE) {
            line.reset();
            return true;
        }
        line.write(bytes, from, length);
        return false;
    }

    private void follow(String text) {
        if (stopReason != null || text.isBlank()) {
            return;
        }
        try {
            follower.line(text);
        } catch (RuntimeException e) {
            stopReason = e.getMessage() == null ? e.toString() : e.getMessage();
            stop.run();
        }
    }

    /** The copy's stream; when it cannot be made, a sink (stdout must still be drained, or the agent blocks). */
    private static OutputStream open(Path copy) {
        try {
            OutputStream file = new BufferedOutputStream(Files.newOutputStream(copy), 65536);
            return copy.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file, 65536, true) : file;
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    /** Writes and flushes; a copy that fails (disk full) is given up, the reading goes on. */
    private static OutputStream write(OutputStream out, byte[] bytes, int n) {
        try {
            out.write(bytes, 0, n);
            out.flush();
            return out;
        } catch (IOException e) {
            close(out);
            return OutputStream.nullOutputStream();
        }
    }

    private static void close(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // a copy that cannot be completed stays as far as it got
        }
    }
}
