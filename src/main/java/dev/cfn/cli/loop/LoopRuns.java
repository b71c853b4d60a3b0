package dev.cfn.cli.loop;

import dev.cfn.cli.CliContext;
import dev.cfn.cli.Distribution;
import dev.cfn.cli.Output;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.LoopResources;
import dev.cfn.loop.LoopSession;
import dev.cfn.loop.RunStore;
import java.nio.file.Path;
import java.util.Map;

/** Opens a {@link LoopSession} on this invocation's resources, with progress lines on stderr. */
public final class LoopRuns implements AutoCloseable {
    private final LoopSession session;
    private final AutoCloseable queue;

    LoopRuns(CliContext ctx, Path agentsDir, int parallel, boolean progress) {
        this(ctx, agentsDir, parallel, progress, null);
    }

    /** @param distribution null to run agents here, else how to hand them to {@code cfn worker}s */
    LoopRuns(CliContext ctx, Path agentsDir, int parallel, boolean progress, Distribution distribution) {
        LoopListener listener = progress ? new ProgressListener(ctx.output()) : LoopListener.NONE;
        Distribution.Opened remote = distribution == null ? null : distribution.open(ctx);
        this.queue = remote == null ? null : remote.queue();
        try {
            this.session = LoopSession.open(
                    resources(ctx), agentsDir, parallel, listener, remote == null ? null : remote.runtime());
        } catch (RuntimeException e) {
            closeQueue();
            throw e;
        }
        session.warnings().forEach(w -> ctx.output().warn(w.toString()));
    }

    /** The resources of this invocation that runs share (also what {@code cfn serve} runs loops on). */
    public static LoopResources resources(CliContext ctx) {
        return new LoopResources(
                new RunStore(ctx.database()),
                ctx.coordinator(),
                ctx.loader()::load,
                ctx.usageLog(),
                ctx.clock(),
                ctx.settings().logDir(),
                ctx.env(),
                ctx.settings().redisUrl());
    }

    java.util.Collection<dev.cfn.agents.AgentDefinition> definitions() {
        return session.definitions();
    }

    LoopExecutor executor() {
        return session.executor();
    }

    @Override
    public void close() {
        session.close();
        closeQueue();
    }

    private void closeQueue() {
        if (queue != null) {
            try {
                queue.close();
            } catch (Exception e) {
                // closing a Redis client cannot fail in a way worth reporting
            }
        }
    }

    /** One line per event on stderr, so stdout keeps only the result. */
    private record ProgressListener(Output out) implements LoopListener {
        @Override
        public void on(String event, Map<String, Object> data) {
            switch (event) {
                case "run-started", "run-resumed" -> line(event.substring(4) + " " + data.get("run_id"));
                case "phase-started" ->
                    line("iteration " + data.get("iteration") + ": " + data.get("loop") + " (" + data.get("agents")
                            + " agents)");
                case "gate" ->
                    line(String.format(
                            "iteration %s: gate %.3f %s",
                            data.get("iteration"),
                            (Double) data.get("score"),
                            Boolean.TRUE.equals(data.get("passed")) ? "passed" : "failed"));
                case "iteration-finished" ->
                    line("iteration " + data.get("iteration") + ": " + data.get("decision") + " - "
                            + data.get("reason"));
                case "coordination-warning" -> out.warn("coordination " + data.get("what") + ": " + data.get("error"));
                default -> {}
            }
        }

        private void line(String text) {
            out.err().println("cfn: " + text);
            out.err().flush();
        }
    }
}
