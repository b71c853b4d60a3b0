package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Results;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.HeartbeatWatch;
import dev.cfn.coord.IdempotencyKey;
import dev.cfn.coord.WorkItem;
import dev.cfn.coord.WorkQueue;
import dev.cfn.git.GitTransfer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs agents on {@code cfn worker} processes instead of here: each invocation becomes a
 * self-contained {@link QueuedTask} on the {@link WorkQueue}, and its result comes back as a
 * signal through the {@link Coordinator} (task {@code {run}:queue}, agent: the agent id). A
 * result already stored for the invocation's idempotency key (a resumed run) is used without
 * enqueueing again. Waits at most the agent's timeout plus {@code queueWait} (time for a worker to
 * take the task); then the result is a TIMEOUT naming the queue. While it waits it follows the
 * agent's heartbeat ({@code swarm:{run}:{agent}:heartbeat}, written by the worker running it): a
 * heartbeat that was alive, then expired and stayed so for {@code heartbeatGrace} (time for another
 * worker to take the task over) ends the agent as a failure {@code heartbeat lost}, well before its
 * timeout. Thread-safe; {@link #close} ends the heartbeat watch.
 */
public final class QueueAgentRuntime implements AgentRuntime, AutoCloseable {
    /** The default grace: one default worker lease, the time another worker needs to take a task over. */
    public static final Duration DEFAULT_HEARTBEAT_GRACE = Duration.ofSeconds(30);

    private static final Duration SLICE = Duration.ofMillis(500);

    private final WorkQueue queue;
    private final Coordinator coordinator;
    private final Duration queueWait;
    private final Clock clock;
    private final Map<java.nio.file.Path, String> definitions = new ConcurrentHashMap<>();
    private final Duration heartbeatGrace;
    private volatile HeartbeatWatch watch;

    public QueueAgentRuntime(WorkQueue queue, Coordinator coordinator, Duration queueWait, Clock clock) {
        this(queue, coordinator, queueWait, clock, DEFAULT_HEARTBEAT_GRACE);
    }

    /** @param heartbeatGrace how long an expired agent heartbeat may stay missing before the agent is lost */
    public QueueAgentRuntime(
            WorkQueue queue, Coordinator coordinator, Duration queueWait, Clock clock, Duration heartbeatGrace) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.queueWait = Objects.requireNonNull(queueWait, "queueWait");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeatGrace = Objects.requireNonNull(heartbeatGrace, "heartbeatGrace");
    }

    /** The watch, opened on first use (a run that never waits opens no subscription). */
    private HeartbeatWatch watch() {
        HeartbeatWatch w = watch;
        if (w == null) {
            synchronized (this) {
                w = watch;
                if (w == null) {
                    w = coordinator.watchHeartbeats(Duration.ofMillis(250), heartbeatGrace);
                    watch = w;
                }
            }
        }
        return w;
    }

    /** How expired heartbeats are learnt ({@link HeartbeatWatch#mode()}), opening the watch if needed. */
    public String heartbeatMode() {
        return watch().mode();
    }

    @Override
    public void close() {
        HeartbeatWatch w = watch;
        if (w != null) {
            w.close();
        }
    }

    /** The coordinator task a run's queued results are signalled on. */
    public static String replyTask(String runId) {
        return runId + ":queue";
    }

    @Override
    public AgentResult run(AgentInvocation inv) {
        long start = System.nanoTime();
        IdempotencyKey key = new IdempotencyKey(inv.taskId(), inv.iteration(), inv.agentId());
        Optional<String> stored = queue.result(key);
        if (stored.isPresent()) {
            return withChanges(inv, QueuedResult.decode(stored.get()), stored.get());
        }
        Duration wait = inv.timeout().plus(queueWait);
        String text = definitions.computeIfAbsent(
                inv.definition().source(), p -> QueuedTask.definitionText(inv.definition()));
        GitTransfer.Snapshot snapshot = GitTransfer.snapshot(
                        inv.workdir(),
                        transferName(inv),
                        List.of(inv.logDir().toAbsolutePath().getParent()))
                .orElse(null);
        QueuedTask task = new QueuedTask(key, replyTask(inv.taskId()), clock.millis() + wait.toMillis(), inv, snapshot);
        queue.enqueue(new WorkItem(inv.definition().name(), key, task.encode(text)));
        Optional<String> reply = awaitAlive(inv, task.replyTask(), key, wait);
        if (reply == null) {
            return Results.failed(
                    inv,
                    "heartbeat lost: the worker running agent " + inv.agentId() + " stopped beating (killed?) and no"
                            + " other worker took the task over within " + heartbeatGrace.toSeconds() + " s",
                    false,
                    -1,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (reply.isEmpty()) {
            String why = "no worker returned a result within " + wait.toSeconds() + " s (is a 'cfn worker' serving"
                    + " queue '" + queue.name() + "' and type '"
                    + inv.definition().name() + "' running?)";
            return Results.failed(inv, why, true, -1, Duration.ofNanos(System.nanoTime() - start));
        }
        return withChanges(inv, QueuedResult.decode(reply.get()), reply.get());
    }

    /** The name a transfer's git refs carry: the run and the agent. */
    static String transferName(AgentInvocation inv) {
        return inv.taskId() + "/" + inv.agentId();
    }

    /**
     * The result, once the files its agent changed on a worker without this disk are written into
     * the invocation's workdir; a failure naming why when they cannot be.
     */
    private static AgentResult withChanges(AgentInvocation inv, AgentResult result, String json) {
        Optional<QueuedResult.Changes> changes = QueuedResult.changes(json);
        if (changes.isEmpty()) {
            return result;
        }
        try {
            GitTransfer.apply(
                    inv.workdir(),
                    changes.get().base(),
                    transferName(inv),
                    changes.get().bundle());
            return result;
        } catch (CfnException | java.io.UncheckedIOException e) {
            return result.toBuilder()
                    .status(AgentResult.Status.FAILURE)
                    .confidence(0.0, "its changes made on a worker could not be applied here: " + e.getMessage())
                    .build();
        }
    }

    /** The reply within {@code wait}; empty when none came; null when the agent's heartbeat was lost. */
    private Optional<String> awaitAlive(AgentInvocation inv, String replyTask, IdempotencyKey key, Duration wait) {
        HeartbeatWatch w = watch();
        w.watch(inv.taskId(), inv.agentId());
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Duration slice = Duration.ofNanos(Math.min(left, SLICE.toNanos()));
                Optional<String> reply = coordinator.await(replyTask, inv.agentId(), slice);
                if (reply.isPresent()) {
                    return reply;
                }
                if (w.lost(inv.taskId(), inv.agentId())) {
                    // A result published just before the heartbeat went still counts.
                    Optional<String> late = queue.result(key);
                    return late.isPresent() ? late : null;
                }
            }
        } finally {
            w.unwatch(inv.taskId(), inv.agentId());
        }
    }
}
