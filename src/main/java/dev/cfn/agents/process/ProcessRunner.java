package dev.cfn.agents.process;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.metrics.Probes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one agent command as a child process under the agent protocol: input JSON on stdin, an
 * environment made of an allowlist of cfn's ({@link AgentEnvironment}, never all of it), stdout and
 * stderr to the run's files, its resource limits, its timeout (the whole tree is ended), and a sweep
 * of its marker afterwards so nothing outlives the run. Thread-safe; shared by the command and test
 * runtimes.
 */
public final class ProcessRunner {
    private static final int PIPE_SAFE_BYTES = 16 * 1024;

    private final ProcessReaper reaper;
    private final ResourceLimits limits;
    private final Duration killGrace;
    private final Map<String, String> cfnEnv;

    /** A runner whose agents take their allowed variables from this process's environment. */
    public ProcessRunner(ProcessReaper reaper, ResourceLimits limits, Duration killGrace) {
        this(reaper, limits, killGrace, System.getenv());
    }

    /**
     * @param cfnEnv cfn's environment, the only source of the variables an agent is allowed (PATH,
     *     HOME, what its definition lists under {@code env:} ...)
     */
    public ProcessRunner(ProcessReaper reaper, ResourceLimits limits, Duration killGrace, Map<String, String> cfnEnv) {
        this.reaper = reaper;
        this.limits = limits;
        this.killGrace = killGrace;
        this.cfnEnv = Map.copyOf(cfnEnv);
    }

    /**
     * Runs the invocation's command to its end or its timeout.
     *
     * @throws RetriableException when the command cannot be started (e.g. no such program)
     */
    ProcessOutcome execute(AgentInvocation invocation) {
        AgentDefinition d = invocation.definition();
        AgentFiles files = AgentFiles.prepare(invocation);
        String token = reaper.newToken();
        LimitedLaunch launch = limits.prepare(d, token);
        long start = System.nanoTime();
        Process process = start(invocation, files, token, launch);
        long spawnNanos = System.nanoTime() - start;
        reaper.started(token, process.toHandle(), launch.isEmpty() ? null : launch);
        // Reported once the reaper knows the process, so a shutdown at this moment still ends it.
        Probes.current().agentSpawned(d.name(), invocation.mode(), spawnNanos);
        feed(process, files.input());
        boolean timedOut = false;
        boolean interrupted = false;
        try {
            process.onExit().get(invocation.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
            ProcessTree.kill(process.toHandle(), killGrace);
        } catch (InterruptedException e) {
            interrupted = true;
            ProcessTree.kill(process.toHandle(), killGrace);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit never fails", e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        boolean killed = timedOut || interrupted;
        int exit = killed ? -1 : process.exitValue();
        boolean oom = !killed && exit != 0 && launch.memoryExceeded();
        reaper.finished(token);
        return new ProcessOutcome(
                exit, timedOut, interrupted, oom, duration, files.readStdout(), exit == 0 ? null : files.lastLogLine());
    }

    /**
     * Writes the input to stdin and closes it. Small inputs fit the pipe's buffer (64 KiB on Linux),
     * so the write cannot block; larger ones are written by a virtual thread. An agent that exits
     * without reading its input is not an error here.
     */
    private static void feed(Process process, byte[] input) {
        Runnable write = () -> {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the agent closed its stdin or exited: its answer tells the rest
            }
        };
        if (input.length <= PIPE_SAFE_BYTES) {
            write.run();
        } else {
            Thread.ofVirtual().name("cfn-stdin").start(write);
        }
    }

    private Process start(AgentInvocation invocation, AgentFiles files, String token, LimitedLaunch launch) {
        List<String> argv = launch.wrap(invocation.definition().command());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(invocation.workdir().toFile())
                .redirectOutput(files.stdout().toFile())
                .redirectError(files.log().toFile());
        builder.environment().clear(); // not inherited: an allowlist, see AgentEnvironment
        builder.environment().putAll(AgentEnvironment.of(invocation, token, cfnEnv));
        try {
            return builder.start();
        } catch (IOException e) {
            launch.close();
            reaper.finished(token);
            throw new RetriableException(
                    "cannot start agent " + invocation.agentId() + " ("
                            + String.join(" ", invocation.definition().command()) + "): " + e.getMessage(),
                    e);
        }
    }
}
