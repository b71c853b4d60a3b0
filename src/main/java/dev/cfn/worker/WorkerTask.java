package dev.cfn.worker;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Results;
import dev.cfn.coord.Delivery;
import dev.cfn.coord.WorkQueue;
import dev.cfn.git.GitTransfer;
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
        GitTransfer.Checkout checkout = null;
        AgentResult result;
        if (beats != null) {
            beats.started(d.entryId(), task.key());
        }
        try {
            checkout = task.git() == null ? null : checkout(task);
            result = execute(checkout == null ? task.invocation() : in(task, checkout));
        } catch (CfnException | java.io.UncheckedIOException e) {
            result = Results.failed(
                    task.invocation(),
                    "the workdir could not be checked out on worker " + settings.id() + ": " + e.getMessage(),
                    false,
                    -1,
                    Duration.ZERO);
        } finally {
            if (beats != null) {
                beats.ended(d.entryId());
            }
        }
        Optional<byte[]> changes = Optional.empty();
        if (checkout != null) {
            changes = finish(checkout);
        }
        if (Thread.interrupted()) {
            queue.release(settings.id(), d);
            listener.on("released", agent + " given back: this worker is stopping");
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        String encoded = changes.isPresent()
                ? QueuedResult.encode(result, task.git().commit(), changes.get())
                : QueuedResult.encode(result);
        String kept = queue.putResult(task.key(), encoded);
        String summary = result.status() + " confidence " + result.confidence();
        if (!kept.equals(encoded)) {
            listener.on("duplicate", task.key() + " was finished by another worker first: its result counts");
            summary = "(another worker's result)";
        }
        return Optional.of(new Outcome(task.replyTask(), agent, kept, summary));
    }

    /**
     * The task's workdir rebuilt from its git bundle in this worker's own clone of the project
     * ({@code <home>/clones/<project>}), in a worktree {@code <home>/worktrees/<run>/<agent>}.
     */
    private GitTransfer.Checkout checkout(QueuedTask task) {
        Path home = settings.logDir().toAbsolutePath().getParent();
        Path worktree = home.resolve("worktrees")
                .resolve(AgentFiles.safe(task.key().run()))
                .resolve(AgentFiles.safe(task.key().agent()));
        return GitTransfer.checkout(
                home.resolve("clones"), worktree, QueueAgentRuntime.transferName(task.invocation()), task.git());
    }

    /** Commits and bundles what the agent changed, removing the worktree; empty when nothing changed. */
    private Optional<byte[]> finish(GitTransfer.Checkout checkout) {
        boolean interrupted = Thread.interrupted(); // git must run even when the worker is stopping
        try {
            return checkout.finish();
        } catch (CfnException | java.io.UncheckedIOException e) {
            listener.on("git", "changes not returned: " + e.getMessage());
            checkout.close();
            return Optional.empty();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The task's invocation in the checkout: its folder there, and a definition kept in the
     * repository (e.g. {@code <workdir>/.claude/agents}) read from the checkout, so its {@code
     * ./script} resolves there too.
     */
    private AgentInvocation in(QueuedTask task, GitTransfer.Checkout checkout) {
        AgentInvocation inv = task.invocation();
        Path top = inv.workdir().toAbsolutePath().normalize();
        for (int i = 0;
                i < Path.of(task.git().prefix()).getNameCount()
                        && !task.git().prefix().isEmpty();
                i++) {
            top = top.getParent();
        }
        AgentDefinition definition = inv.definition();
        Path source = definition.source() == null
                ? null
                : definition.source().toAbsolutePath().normalize();
        if (source != null && source.startsWith(top) && definition.text() != null) {
            AgentDefinition here =
                    definitions.apply(checkout.root().resolve(top.relativize(source)), definition.text());
            definition = here.runtime() != definition.runtime()
                            && definition.runtime().isLlm()
                    ? here.withRuntime(definition.runtime())
                    : here;
        }
        return new AgentInvocation(
                definition,
                inv.taskId(),
                inv.agentId(),
                inv.iteration(),
                inv.phase(),
                inv.mode(),
                checkout.folder(),
                inv.input(),
                inv.env(),
                inv.timeout(),
                inv.logDir(),
                inv.progress(),
                inv.sessions());
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
