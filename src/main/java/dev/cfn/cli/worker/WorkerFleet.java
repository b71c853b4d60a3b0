package dev.cfn.cli.worker;

import dev.cfn.CfnException;
import dev.cfn.coord.WorkQueue;
import dev.cfn.coord.WorkerStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * N real {@code cfn worker} processes of this build (same JVM binary, same jar) serving one queue,
 * for the benchmark: started, awaited until every one heart-beats, stopped with SIGTERM.
 */
final class WorkerFleet implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> errs = new ArrayList<>();

    private WorkerFleet() {}

    static WorkerFleet start(String redisUrl, String queue, int workers, int concurrency, Path dir) {
        WorkerFleet fleet = new WorkerFleet();
        try {
            for (int i = 1; i <= workers; i++) {
                List<String> command = new ArrayList<>(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar().toString(),
                        "worker",
                        "--redis",
                        redisUrl,
                        "--queue",
                        queue,
                        "--concurrency",
                        Integer.toString(concurrency),
                        "--id",
                        queue + "-w" + i,
                        "--drain",
                        "5s",
                        "--home",
                        dir.resolve("home-" + i).toString()));
                Path err = dir.resolve("worker-" + i + ".err");
                fleet.errs.add(err);
                fleet.processes.add(new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile())
                        .start());
            }
        } catch (IOException e) {
            fleet.close();
            throw new CfnException("cannot start a worker process: " + e.getMessage(), e);
        }
        return fleet;
    }

    /** Waits until every worker of the fleet has a live heartbeat on {@code queue}. */
    void awaitLive(WorkQueue queue, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (live(queue) < processes.size()) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new CfnException("benchmark worker " + (i + 1) + " exited with code "
                            + processes.get(i).exitValue() + ": " + lastLine(errs.get(i)));
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new CfnException("the benchmark's " + processes.size() + " workers did not all start within "
                        + timeoutMs / 1000 + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private long live(WorkQueue queue) {
        return queue.workers().stream()
                .filter(w -> w.queue().equals(queue.name()))
                .filter(WorkerStatus::alive)
                .count();
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            return lines.isEmpty() ? "(nothing on stderr)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path jar() {
        return dev.cfn.OwnJar.find()
                .orElseThrow(() -> new CfnException("cannot find cfn's own jar to start workers from"));
    }

    /** SIGTERM to all, then waits (SIGKILL for any still running after 15 s). */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
