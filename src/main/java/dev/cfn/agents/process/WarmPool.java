package dev.cfn.agents.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.Results;
import dev.cfn.json.Json;
import dev.cfn.metrics.PoolCounts;
import dev.cfn.metrics.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The runtime of {@code warm: true} agents: N persistent processes per agent type, each reading one
 * JSON task per line on stdin and answering one JSON line (see docs/agent-protocol.md). A task goes
 * to an idle process; one that crashes, breaks the protocol or misses its deadline is killed (its
 * whole tree) and replaced. {@link #close()} asks each to exit (stdin closed), then ends what is
 * left. Thread-safe.
 */
public final class WarmPool implements AgentRuntime, AutoCloseable {
    private final ProcessReaper reaper;
    private final ResourceLimits limits;
    private final int perType;
    private final Duration killGrace;
    private final Map<String, String> cfnEnv;
    private final ContainerSandbox sandbox;
    private final ScheduledExecutorService watchdogs;
    private final Map<String, WarmGroup> groups = new ConcurrentHashMap<>();
    private final AgentOutputParser parser = new AgentOutputParser();
    private volatile boolean closed;
    /** Held here so the probe, which holds it weakly, counts this pool while it lives. */
    private final PoolCounts counts = new PoolCounts() {
        @Override
        public int size() {
            return groups.values().stream().mapToInt(WarmGroup::liveCount).sum();
        }

        @Override
        public int busy() {
            return groups.values().stream()
                    .mapToInt(g -> Math.max(0, g.liveCount() - g.idleCount()))
                    .sum();
        }
    };

    public WarmPool(ProcessReaper reaper, ResourceLimits limits, int perType, Duration killGrace) {
        this(reaper, limits, perType, killGrace, System.getenv());
    }

    /**
     * @param cfnEnv cfn's environment, the only source of the variables an agent is allowed (see
     *     {@link AgentEnvironment})
     */
    public WarmPool(
            ProcessReaper reaper, ResourceLimits limits, int perType, Duration killGrace, Map<String, String> cfnEnv) {
        if (perType < 1) {
            throw new IllegalArgumentException("warm processes per type must be >= 1, but was " + perType);
        }
        this.reaper = reaper;
        this.limits = limits;
        this.perType = perType;
        this.killGrace = killGrace;
        this.cfnEnv = Map.copyOf(cfnEnv);
        this.sandbox = new ContainerSandbox(this.cfnEnv);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("cfn-warm-watchdog").factory());
        scheduler.setRemoveOnCancelPolicy(true);
        this.watchdogs = scheduler;
        Probes.current().warmPool(counts);
    }

    /** A pool keeping {@code perType} processes per warm agent type, with this machine's limits. */
    public static WarmPool create(int perType, Duration killGrace) {
        return new WarmPool(ProcessReaper.global(), ResourceLimits.detect(), perType, killGrace);
    }

    /**
     * Dispatches one task to an idle process of the invocation's type, starting the type's processes
     * on first use. Waits for an idle one within the invocation's timeout.
     *
     * @throws RetriableException when the agent's processes cannot be started
     */
    @Override
    public AgentResult run(AgentInvocation invocation) {
        if (closed) {
            throw new RetriableException("the warm pool is closed");
        }
        long start = System.nanoTime();
        WarmGroup group = groups.computeIfAbsent(
                invocation.definition().name(), name -> new WarmGroup(this, invocation, perType));
        WarmWorker worker;
        try {
            worker = group.take(invocation.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Results.failed(invocation, "interrupted: cfn is stopping", false, -1, since(start));
        }
        if (worker == null) {
            return Results.failed(
                    invocation,
                    "no idle warm agent within " + Quantities.format(invocation.timeout()),
                    true,
                    -1,
                    since(start));
        }
        Probes.current().agentSpawned(invocation.definition().name(), invocation.mode(), System.nanoTime() - start);
        return dispatch(group, worker, invocation, start);
    }

    private AgentResult dispatch(WarmGroup group, WarmWorker worker, AgentInvocation invocation, long start) {
        try {
            String answer = worker.ask(taskLine(invocation), invocation.timeout(), watchdogs);
            group.release(worker);
            AgentAnswer parsed = parser.parse(answer);
            return Results.of(invocation, parsed, null, false, -1, since(start)).build();
        } catch (WarmWorker.Failure f) {
            group.replace(worker);
            String reason =
                    f.timedOut() ? "timed out after " + Quantities.format(invocation.timeout()) : f.getMessage();
            return Results.failed(
                    invocation, closed ? "the warm pool was closed" : reason, f.timedOut(), -1, since(start));
        }
    }

    /** One line: the protocol's per-task values (what a one-shot agent gets as environment) and the input. */
    static String taskLine(AgentInvocation invocation) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("task_id", invocation.taskId());
        task.put("agent_id", invocation.agentId());
        task.put("agent_type", invocation.definition().name());
        task.put("iteration", invocation.iteration());
        task.put("loop", invocation.phase().label());
        task.put("mode", invocation.mode());
        task.put("workdir", invocation.workdir().toAbsolutePath().toString());
        task.put("input", invocation.input());
        try {
            return Json.mapper().writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the input of " + invocation.agentId() + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** Starts one process for the group of {@code invocation}'s type. */
    WarmWorker startWorker(AgentInvocation invocation, int index) {
        AgentDefinition d = invocation.definition();
        String token = reaper.newToken();
        if (d.inContainer()) {
            return startInContainer(invocation, index, token);
        }
        LimitedLaunch launch = limits.prepare(d, token);
        Map<String, String> env = AgentEnvironment.warm(invocation, token, cfnEnv);
        Path log = invocation.logDir().resolve("warm").resolve(AgentFiles.safe(d.name()) + "-" + index + ".log");
        try {
            Files.createDirectories(log.getParent());
            WarmWorker worker = WarmWorker.start(launch.wrap(d.command()), invocation.workdir(), env, log, token);
            reaper.started(token, worker.handle(), launch.isEmpty() ? null : launch);
            // A process left behind by a dead worker may hold its stdout open: end it so a read in flight sees EOF.
            worker.handle().onExit().thenRun(() -> reaper.sweep(Set.of(token)));
            return worker;
        } catch (IOException e) {
            launch.close();
            reaper.finished(token);
            throw new RetriableException(
                    "cannot start warm agent " + d.name() + " (" + String.join(" ", d.command()) + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * A warm agent in a container ({@code sandbox: container}): the container is started ahead ({@code
     * run -d} with an init process), and the agent's process is exec'd into it; removing the
     * container when the worker retires ends everything in it.
     */
    private WarmWorker startInContainer(AgentInvocation invocation, int index, String token) {
        AgentDefinition d = invocation.definition();
        Map<String, String> env = AgentEnvironment.warm(invocation, token, cfnEnv);
        Path log = invocation.logDir().resolve("warm").resolve(AgentFiles.safe(d.name()) + "-" + index + ".log");
        ContainerSandbox.Prepared container;
        try {
            container = sandbox.prepare(invocation, token, env, d.command());
        } catch (RuntimeException e) {
            reaper.finished(token);
            throw e;
        }
        try {
            Files.createDirectories(log.getParent());
            container.engine().startDetached(container.spec(), container.clientEnv());
            List<String> argv = container
                    .engine()
                    .exec(container.spec().name(), invocation.workdir(), container.envNames(), d.command(), true);
            WarmWorker worker = WarmWorker.start(argv, invocation.workdir(), container.clientEnv(), log, token);
            reaper.started(token, worker.handle(), container.removal());
            return worker;
        } catch (IOException | RuntimeException e) {
            container.removal().close();
            reaper.finished(token);
            throw new RetriableException(
                    "cannot start warm agent " + d.name() + " in a container: " + e.getMessage(), e);
        }
    }

    /** Ends a worker that is done for (crashed, stuck, or the pool is closing). */
    void retire(WarmWorker worker, boolean gently) {
        if (gently) {
            worker.stop(killGrace);
        } else {
            worker.kill();
        }
        reaper.finished(worker.token());
    }

    boolean closed() {
        return closed;
    }

    /** Idle processes of a type right now (for tests and benchmarks). */
    int idle(String type) {
        WarmGroup group = groups.get(type);
        return group == null ? 0 : group.idleCount();
    }

    /** Asks every process to exit, waits up to the kill grace, ends what is left. Idempotent. */
    @Override
    public void close() {
        closed = true;
        groups.values().forEach(WarmGroup::close);
        watchdogs.shutdownNow();
    }

    private static java.time.Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
