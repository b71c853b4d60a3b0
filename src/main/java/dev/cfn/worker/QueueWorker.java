package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.coord.Completion;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.Delivery;
import dev.cfn.coord.WorkQueue;
import dev.cfn.coord.WorkerStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker: takes agent tasks from a {@link WorkQueue} (at most {@code concurrency} at once), runs
 * each with the local {@link AgentRuntime}, stores the result under the task's idempotency key
 * (the first result wins), signals it to the orchestrator through the {@link Coordinator}, and
 * acks the entry. A task whose key already has a result (it was redelivered after its worker
 * published but died before acking) is not run again: the stored result is signalled. A {@link
 * WorkerHeartbeat} keeps this worker listed and its entries leased. {@link #stop} ends {@link
 * #run}: no new work, running tasks get the drain time to finish, the rest are ended and given
 * back, the heartbeat is removed.
 */
public final class QueueWorker {
    private static final int MAX_DEFINITIONS = 256;

    private final WorkQueue queue;
    private final Coordinator coordinator;
    private final AgentRuntime runtime;
    private final WorkerSettings settings;
    private final Clock clock;
    private final WorkerListener listener;
    private final Map<String, Delivery> held = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final Map<String, AgentDefinition> definitions = new ConcurrentHashMap<>();
    private final long startedMs;
    private final AgentBeats agentBeats;
    private volatile boolean stopping;

    public QueueWorker(
            WorkQueue queue,
            Coordinator coordinator,
            AgentRuntime runtime,
            WorkerSettings settings,
            Clock clock,
            WorkerListener listener) {
        this.queue = queue;
        this.coordinator = coordinator;
        this.runtime = runtime;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.startedMs = clock.millis();
        this.agentBeats = new AgentBeats(coordinator, settings);
    }

    /** Asks {@link #run} to end; returns at once. Safe from any thread, e.g. a signal handler. */
    public void stop() {
        stopping = true;
    }

    /** Tasks finished (results signalled) since the start. */
    public long done() {
        return done.get();
    }

    /**
     * Works until {@link #stop}.
     *
     * @throws dev.cfn.RetriableException if the first heartbeat cannot be written (queue down)
     */
    public void run() {
        WorkerHeartbeat heartbeat =
                new WorkerHeartbeat(queue, settings, this::status, held, listener).withAgents(agentBeats);
        heartbeat.run(true);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cfn-worker-heartbeat").factory());
        long every = Math.max(1, settings.lease().toMillis() / 3);
        beats.scheduleWithFixedDelay(() -> heartbeat.run(false), every, every, TimeUnit.MILLISECONDS);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cfn-worker-task-", 0).factory());
        try {
            takeUntilStopped(threads);
            drain(threads);
        } finally {
            stopBeating(beats);
            heartbeat.retire();
        }
    }

    /**
     * Lets a beat in progress finish first: its writes go out before the retirement's on the same
     * connection, so a late beat cannot bring back the heartbeat just removed.
     */
    private void stopBeating(ScheduledExecutorService beats) {
        beats.shutdown();
        try {
            if (!beats.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                beats.shutdownNow();
            }
        } catch (InterruptedException e) {
            beats.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void takeUntilStopped(ExecutorService threads) {
        Semaphore slots = new Semaphore(settings.concurrency());
        while (!stopping) {
            if (!acquire(slots)) {
                continue;
            }
            int free = 1 + slots.drainPermits();
            List<Delivery> got = List.of();
            try {
                got = queue.take(settings.id(), settings.types(), free, settings.lease(), settings.block());
            } catch (CfnException e) {
                listener.on("warning", "cannot take work: " + e.getMessage());
                LockSupport.parkNanos(settings.block().toNanos());
            } finally {
                slots.release(free - got.size());
            }
            for (Delivery d : got) {
                held.put(d.entryId(), d);
                threads.submit(() -> {
                    try {
                        handle(d);
                    } finally {
                        held.remove(d.entryId());
                        slots.release();
                    }
                });
            }
        }
    }

    private boolean acquire(Semaphore slots) {
        try {
            return slots.tryAcquire(settings.block().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopping = true;
            return false;
        }
    }

    private void drain(ExecutorService threads) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(settings.drain().toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow(); // each running agent is ended; its task gives its entry back
                threads.awaitTermination(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Delivery d) {
        try {
            new WorkerTask(queue, runtime, settings, clock, listener, this::definition)
                    .withBeats(agentBeats)
                    .run(d)
                    .ifPresent(r -> finish(d, r));
        } catch (CfnException e) {
            // Redis went away mid-task: the entry stays pending and is taken again after its lease.
            listener.on("warning", d.entryId() + ": " + e.getMessage());
        }
    }

    private void finish(Delivery d, WorkerTask.Outcome outcome) {
        coordinator.signal(outcome.replyTask(), outcome.agentId(), Completion.of(outcome.result()));
        queue.ack(d);
        done.incrementAndGet();
        listener.on("finished", outcome.agentId() + " " + outcome.summary());
    }

    /** Parsed once per path and content: the same few definitions come with every task. */
    private AgentDefinition definition(java.nio.file.Path source, String content) {
        if (definitions.size() > MAX_DEFINITIONS) {
            definitions.clear();
        }
        return definitions.computeIfAbsent(source + "\n" + content, k -> QueuedTask.parseDefinition(source, content));
    }

    private WorkerStatus status() {
        return new WorkerStatus(
                queue.name(),
                settings.id(),
                settings.host(),
                ProcessHandle.current().pid(),
                settings.concurrency(),
                settings.types(),
                held.size(),
                done.get(),
                startedMs,
                clock.millis(),
                true);
    }
}
