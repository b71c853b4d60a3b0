package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Results;
import dev.cfn.coord.Delivery;
import dev.cfn.coord.WorkQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One entry on a worker: decode it, drop it if unreadable or past its deadline, reuse a result
 * already stored under its idempotency key, else run the agent and store the result (first one
 * wins). An agent ended because the worker is stopping gives its entry back instead.
 */
final class WorkerTask {
    /** What to signal: the stored result of the task. */
    record Outcome(String replyTask, String agentId, String result, String summary) {}

    private final WorkQueue queue;
    private final AgentRuntime runtime;
    private final WorkerSettings settings;
    private final Clock clock;
    private final WorkerListener listener;
    private final BiFunction<Path, String, AgentDefinition> definitions;
    private AgentBeats beats;

    WorkerTask(
            WorkQueue queue,
            AgentRuntime runtime,
            WorkerSettings settings,
            Clock clock,
            WorkerListener listener,
            BiFunction<Path, String, AgentDefinition> definitions) {
        this.definitions = definitions;
        this.queue = queue;
        this.runtime = runtime;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    /** Beats for the agent while it runs. */
    WorkerTask withBeats(AgentBeats agentBeats) {
        this.beats = agentBeats;
        return this;
    }

    /** The outcome to signal and ack; empty when the entry was already acked or given back. */
    Optional<Outcome> run(Delivery d) {
        QueuedTask task;
        try {
            task = d.payload() == null ? null : QueuedTask.decode(d.payload(), settings.logDir(), definitions);
        } catch (InvalidInputException e) {
            listener.on("unreadable", d.entryId() + " dropped: " + e.getMessage());
            task = null;
        }
        if (task == null || clock.millis() > task.deadlineMs()) {
            if (task != null) {
                listener.on("expired", task.key() + " dropped: its orchestrator stopped waiting");
            }
            queue.ack(d);
            return Optional.empty();
        }
        String agent = task.key().agent();
        Optional<String> stored = queue.result(task.key());
        if (stored.isPresent()) {
            listener.on("duplicate", task.key() + " already has a result: not run again");
            return Optional.of(new Outcome(task.replyTask(), agent, stored.get(), "(stored result)"));
        }
        listener.on("started", agent + (d.reclaimed() ? " (taken over from a dead worker)" : ""));
        AgentResult result;
        if (beats != null) {
            beats.started(d.entryId(), task.key());
        }
        try {
            result = execute(task.invocation());
        } finally {
            if (beats != null) {
                beats.ended(d.entryId());
            }
        }
        if (Thread.interrupted()) {
            queue.release(settings.id(), d);
            listener.on("released", agent + " given back: this worker is stopping");
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String encoded = QueuedResult.encode(result);
        String kept = queue.putResult(task.key(), encoded);
        String summary = result.status() + " confidence " + result.confidence();
        if (!kept.equals(encoded)) {
            listener.on("duplicate", task.key() + " was finished by another worker first: its result counts");
            summary = "(another worker's result)";
        }
        return Optional.of(new Outcome(task.replyTask(), agent, kept, summary));
    }

    private AgentResult execute(AgentInvocation inv) {
        if (!Files.isDirectory(inv.workdir())) {
            return Results.failed(
                    inv,
                    "workdir " + inv.workdir() + " does not exist on worker " + settings.id() + " (" + settings.host()
                            + "): workers need the orchestrator's paths (a shared filesystem)",
                    false,
                    -1,
                    Duration.ZERO);
        }
        try {
            return runtime.run(inv);
        } catch (CfnException e) {
            return Results.failed(
                    inv,
                    "agent could not run on worker " + settings.id() + ": " + e.getMessage(),
                    false,
                    -1,
                    Duration.ZERO);
        }
    }
}
