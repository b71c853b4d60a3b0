package dev.cfn.cli.loop;

import dev.cfn.agents.AgentProgress;
import dev.cfn.cli.CliContext;
import dev.cfn.cli.Distribution;
import dev.cfn.cli.Output;
import dev.cfn.loop.LoopEvent;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.LoopResources;
import dev.cfn.loop.session.LoopSession;
import java.nio.file.Path;

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
                ctx.agentEnv(),
                ctx.settings().redisUrl(),
                ctx.prices());
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
        public void on(LoopEvent event) {
            switch (event) {
                case LoopEvent.RunStarted e -> line("started " + e.runId());
                case LoopEvent.RunResumed e -> line("resumed " + e.runId());
                case LoopEvent.PhaseStarted e ->
                    line("iteration " + e.iteration() + ": " + e.phase() + " (" + e.agents()
                            + (e.agents() == 1 ? " agent)" : " agents)"));
                case LoopEvent.AgentProgress e
                when e.kind() == AgentProgress.Kind.TOOL ->
                    line("iteration " + e.iteration() + ": " + e.agentId() + ": " + e.summary());
                case LoopEvent.GateChecked e -> line(score(e.iteration(), "gate", e.score(), e.passed()));
                case LoopEvent.ConsensusChecked e -> line(score(e.iteration(), "consensus", e.score(), e.passed()));
                case LoopEvent.IterationFinished e ->
                    line("iteration " + e.record().iteration() + ": "
                            + e.record().decision() + " - " + e.record().reason());
                case LoopEvent.CoordinationWarning e -> out.warn("coordination " + e.what() + ": " + e.error());
                case LoopEvent.AgentProgress e
                when e.kind() == AgentProgress.Kind.TOOL ->
                    line("iteration " + e.iteration() + ": " + e.agentId() + ": " + e.summary());
                default -> {}
            }
        }

        private static String score(int iteration, String what, double score, boolean passed) {
            return String.format("iteration %d: %s %.3f %s", iteration, what, score, passed ? "passed" : "failed");
        }

        private void line(String text) {
            out.err().println("cfn: " + text);
            out.err().flush();
        }
    }
}
