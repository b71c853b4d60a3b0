package dev.cfn.agents.process;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.metrics.Probes;
import java.io.IOException;
import java.nio.file.Path;
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
 * runtimes, and by runtimes that build their own command line and read its output live ({@link
 * #follow}, the Claude Code CLI).
 */
public final class ProcessRunner {
    private static final int PIPE_SAFE_BYTES = 16 * 1024;
    private static final java.io.File DEV_NULL = new java.io.File("/dev/null");

    private final ProcessReaper reaper;
    private final ResourceLimits limits;
    private final Duration killGrace;
    private final Map<String, String> cfnEnv;
    private final ContainerSandbox sandbox;
    private final long outputCap;

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
        this.sandbox = new ContainerSandbox(this.cfnEnv);
        this.outputCap = CappedOutput.cap(this.cfnEnv);
    }

    /**
     * Runs the invocation's command to its end or its timeout.
     *
     * @throws RetriableException when the command cannot be started (e.g. no such program)
     */
    ProcessOutcome execute(AgentInvocation invocation) {
        AgentFiles files = AgentFiles.prepare(invocation);
        Started run = start(invocation, invocation.definition().command(), Map.of(), files, null);
        feed(run.process(), files.input());
        return finish(invocation, run, files, null);
    }

    /**
     * Runs a process a runtime built ({@link Launch}) the way {@link #execute} runs a command (the
     * allowlisted environment, its limits, its timeout, the marker sweep), with stdin from {@code
     * /dev/null} and stdout read live: each line goes to the launch's follower as it is written and
     * every byte to its copy; stderr goes to the run's log. A follower that throws ends the process
     * tree, and the outcome's {@link ProcessOutcome#stopReason()} says why. Blocks until the process
     * ends and its stdout is read (or a kill grace passes after its end, if a detached child holds
     * stdout open).
     *
     * @throws RetriableException when the program cannot be started
     */
    public ProcessOutcome follow(AgentInvocation invocation, Launch launch) {
        AgentFiles files = AgentFiles.prepare(invocation);
        Started run = start(invocation, launch.argv(), launch.env(), files, launch.stdoutCopy());
        ProcessHandle handle = run.process().toHandle();
        StdoutFollower stdout = StdoutFollower.start(
                run.process().getInputStream(),
                launch.stdoutCopy(),
                launch.follower(),
                () -> ProcessTree.kill(handle, killGrace));
        return finish(invocation, run, files, stdout);
    }

    /**
     * @param container the agent's container ({@code sandbox: container}), removed when it is done;
     *     null on the host
     * @param output the capped copies of its stdout and stderr kept under the home
     */
    private record Started(
            Process process,
            String token,
            LimitedLaunch limits,
            ContainerSandbox.Removal container,
            long startNanos,
            CappedOutput output) {}

    private Started start(
            AgentInvocation invocation,
            List<String> command,
            Map<String, String> runtimeEnv,
            AgentFiles files,
            Path pipe) {
        AgentDefinition d = invocation.definition();
        String token = reaper.newToken();
        // In a container the engine enforces the limits: none are set up on the host.
        LimitedLaunch launch = d.inContainer() ? LimitedLaunch.none() : limits.prepare(d, token);
        long start = System.nanoTime();
        ContainerSandbox.Removal[] container = new ContainerSandbox.Removal[1];
        Process process = spawn(invocation, command, runtimeEnv, files, token, launch, pipe != null, container);
        CappedOutput output = CappedOutput.start(process, files, outputCap, pipe != null);
        long spawnNanos = System.nanoTime() - start;
        reaper.started(
                token, process.toHandle(), container[0] != null ? container[0] : launch.isEmpty() ? null : launch);
        // Reported once the reaper knows the process, so a shutdown at this moment still ends it.
        Probes.current().agentSpawned(d.name(), invocation.mode(), spawnNanos);
        return new Started(process, token, launch, container[0], start, output);
    }

    private ProcessOutcome finish(AgentInvocation invocation, Started run, AgentFiles files, StdoutFollower stdout) {
        Process process = run.process();
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
        if (run.container() != null && (timedOut || interrupted)) {
            run.container().close(); // the client is gone; the container must not outlive it
        }
        if (stdout != null) {
            stdout.await(killGrace.plusSeconds(1));
        }
        if (run.container() != null && stdout != null && stdout.stopReason() != null) {
            run.container().close();
        }
        run.output().finish(killGrace.plusSeconds(1));
        Duration duration = Duration.ofNanos(System.nanoTime() - run.startNanos());
        String stopReason = stdout == null ? null : stdout.stopReason();
        boolean killed = timedOut || interrupted || stopReason != null;
        int exit = killed ? -1 : process.exitValue();
        // An engine reports its OOM kill as exit 137 (128 + KILL); its own OOMKilled flag is not reliable.
        boolean containerOom = !killed
                && run.container() != null
                && exit == 137
                && invocation.definition().memory() != null;
        boolean oom = containerOom || (!killed && exit != 0 && run.limits().memoryExceeded(exit));
        reaper.finished(run.token());
        return new ProcessOutcome(
                exit,
                timedOut && stopReason == null,
                interrupted && stopReason == null,
                oom,
                duration,
                stdout == null ? files.readStdout() : "",
                exit == 0 ? null : files.lastLogLine(),
                stopReason,
                containerOom);
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

    private Process spawn(
            AgentInvocation invocation,
            List<String> command,
            Map<String, String> runtimeEnv,
            AgentFiles files,
            String token,
            LimitedLaunch launch,
            boolean followed,
            ContainerSandbox.Removal[] container) {
        Map<String, String> env = AgentEnvironment.of(invocation, token, cfnEnv, runtimeEnv);
        List<String> argv;
        if (invocation.definition().inContainer()) {
            ContainerSandbox.Prepared prepared;
            try {
                prepared = sandbox.prepare(invocation, token, env, command);
            } catch (RuntimeException e) {
                reaper.finished(token);
                throw e;
            }
            argv = prepared.runArgv(command, !followed);
            env = prepared.clientEnv();
            container[0] = prepared.removal();
        } else {
            argv = launch.wrap(command);
        }
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(invocation.workdir().toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE); // capped copies: CappedOutput
        if (followed) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL)).redirectOutput(ProcessBuilder.Redirect.PIPE);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        builder.environment().clear(); // not inherited: an allowlist, see AgentEnvironment
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            launch.close();
            reaper.finished(token);
            throw new RetriableException(
                    "cannot start agent " + invocation.agentId() + " ("
                            + (followed ? command.get(0) : String.join(" ", command)) + "): " + e.getMessage(),
                    e);
        }
    }
}
