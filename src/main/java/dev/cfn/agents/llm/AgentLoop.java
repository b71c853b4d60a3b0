package dev.cfn.agents.llm;

import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Usage;
import dev.cfn.agents.llm.tools.ToolBox;
import dev.cfn.agents.llm.tools.ToolCall;
import dev.cfn.agents.llm.tools.ToolOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One API agent's turns, the same for every wire format: send the conversation with the tools ({@link
 * ModelCalls}: retries, the provider's concurrency limit, the deadline), run the tool calls the
 * model asks for, send the results back, until the model ends its turn. It also ends at {@code
 * max_turns}, at the third identical tool call in a row (the runaway guard), at the deadline, when
 * the progress listener stops it (a budget, a cancel) or when its thread is interrupted. Usage is
 * summed and priced each turn and told to the listener; every step goes to the transcript.
 */
final class AgentLoop {
    static final int RUNAWAY_REPEATS = 3;

    /**
     * How the loop ended.
     *
     * @param text the model's last text (its answer), or null when it did not end its turn
     * @param failure why it ended without an answer, or null
     */
    record Outcome(String text, String failure, boolean timedOut, Usage usage) {}

    private final ModelCalls calls;
    private final PriceTable prices;

    AgentLoop(ModelCalls calls, PriceTable prices) {
        this.calls = calls;
        this.prices = prices;
    }

    Outcome run(
            AgentInvocation inv,
            ModelRequest first,
            ToolBox tools,
            int maxTurns,
            long deadline,
            Transcript transcript) {
        List<Turn> turns = new ArrayList<>(first.turns());
        Usage usage = Usage.ZERO;
        String lastKey = null;
        int repeats = 0;
        long apiNanos = 0;
        for (int turn = 1; turn <= maxTurns; turn++) {
            ModelReply reply;
            long t0 = System.nanoTime();
            try {
                reply = calls.call(withTurns(first, turns), deadline, transcript);
            } catch (ApiFailure f) {
                return new Outcome(null, f.timedOut() ? timeout(inv) : f.getMessage(), f.timedOut(), usage);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, "interrupted: cfn is stopping", false, usage);
            }
            apiNanos += System.nanoTime() - t0;
            long apiMs = apiNanos / 1_000_000 - usage.apiMs(); // summed in nanoseconds: no rounding per turn
            usage = prices.priced(
                    reply.model() == null || reply.model().isBlank() ? first.model() : reply.model(),
                    usage.plus(new Usage(
                            reply.inputTokens(),
                            reply.outputTokens(),
                            reply.cacheReadTokens(),
                            reply.cacheWriteTokens(),
                            1,
                            apiMs,
                            0.0)));
            transcript.assistant(turn, reply);
            try {
                tell(inv, AgentProgress.Kind.TURN, "turn " + turn, usage);
                if (reply.calls().isEmpty()) {
                    return new Outcome(reply.text(), null, false, usage);
                }
                List<ToolOutcome> outcomes = new ArrayList<>();
                for (ToolCall call : reply.calls()) {
                    repeats = call.key().equals(lastKey) ? repeats + 1 : 1;
                    lastKey = call.key();
                    if (repeats >= RUNAWAY_REPEATS) {
                        return new Outcome(
                                null,
                                "runaway: the same " + call.name() + " call " + RUNAWAY_REPEATS + " times in a row ("
                                        + ToolBox.summary(call) + ")",
                                false,
                                usage);
                    }
                    tell(inv, AgentProgress.Kind.TOOL, ToolBox.summary(call), usage);
                    ToolOutcome outcome = tools.run(call);
                    transcript.toolResult(call, outcome);
                    outcomes.add(outcome);
                    if (Thread.currentThread().isInterrupted()) {
                        return new Outcome(null, "interrupted: cfn is stopping", false, usage);
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return new Outcome(null, timeout(inv), true, usage);
                    }
                }
                turns.add(new Turn.Assistant(reply.text(), reply.calls()));
                turns.add(new Turn.Results(outcomes));
            } catch (ProgressListener.StopAgent stop) {
                return new Outcome(null, stop.getMessage(), false, usage);
            }
        }
        return new Outcome(null, "max_turns (" + maxTurns + ") reached without an answer", false, usage);
    }

    private static ModelRequest withTurns(ModelRequest r, List<Turn> turns) {
        return new ModelRequest(r.model(), r.system(), r.tools(), turns, r.maxTokens(), r.parameters());
    }

    private static void tell(AgentInvocation inv, AgentProgress.Kind kind, String summary, Usage usage) {
        inv.progress().on(new AgentProgress(inv.agentId(), kind, summary, usage));
    }

    static String timeout(AgentInvocation inv) {
        return "timed out after " + dev.cfn.agents.Quantities.format(inv.timeout());
    }

    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
