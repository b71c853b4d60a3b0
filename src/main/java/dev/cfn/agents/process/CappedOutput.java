package dev.cfn.agents.process;

import dev.cfn.agents.AgentFiles;
import dev.cfn.config.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent's stdout and stderr copied from their pipes into {@link CappedFile}s under the home, so
 * an agent printing gigabytes leaves at most twice the cap per stream (its first and last bytes).
 * One virtual thread per stream; {@link #finish} waits for them (bounded: a detached grandchild
 * holding a pipe open cannot stall the run) and completes the files.
 */
final class CappedOutput {
    /** The variable holding the bytes kept at each end of each stream ({@code logs.cap} in the config). */
    static final String CAP_VARIABLE = "CFN_LOG_CAP";

    private final List<Pump> pumps;

    private CappedOutput(List<Pump> pumps) {
        this.pumps = pumps;
    }

    /** The bytes kept at each end: {@value #CAP_VARIABLE} of cfn's environment, else 8 MiB. */
    static long cap(Map<String, String> cfnEnv) {
        String value = cfnEnv.get(CAP_VARIABLE);
        return value == null || value.isBlank() ? CappedFile.DEFAULT_CAP : ByteSize.parse(CAP_VARIABLE, value);
    }

    /**
     * Starts copying the process's stderr to the run's log and, unless {@code stdoutFollowed} (a
     * runtime reads it live), its stdout to the run's stdout file.
     */
    static CappedOutput start(Process process, AgentFiles files, long cap, boolean stdoutFollowed) {
        List<Pump> pumps = new ArrayList<>();
        pumps.add(Pump.start(process.getErrorStream(), CappedFile.create(files.log(), cap)));
        if (!stdoutFollowed) {
            pumps.add(Pump.start(process.getInputStream(), CappedFile.create(files.stdout(), cap)));
        }
        return new CappedOutput(pumps);
    }

    /**
     * Called once the process ended: waits for the pipes to end, at most {@code grace} and no longer
     * than {@value #IDLE_MS} ms without output (a grandchild left holding a pipe open need not be
     * waited for), then completes the files; later output is dropped.
     */
    void finish(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Pump p : pumps) {
            p.await(deadline);
            p.file().close();
        }
    }

    private static final long IDLE_MS = 150;

    private record Pump(CappedFile file, CountDownLatch done) {
        static Pump start(InputStream in, CappedFile file) {
            Pump pump = new Pump(file, new CountDownLatch(1));
            Thread.ofVirtual().name("cfn-output").start(() -> pump.copy(in));
            return pump;
        }

        private void copy(InputStream in) {
            byte[] buffer = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    file.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the pipe closed under us (the process tree was ended): what came is kept
            } finally {
                done.countDown();
            }
        }

        void await(long deadline) {
            long seen = file.written();
            long idleSince = System.nanoTime();
            try {
                while (!done.await(25, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    long written = file.written();
                    if (written != seen) {
                        seen = written;
                        idleSince = now;
                    } else if (now - idleSince > TimeUnit.MILLISECONDS.toNanos(IDLE_MS) || now > deadline) {
                        return;
                    }
                    if (now > deadline) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
