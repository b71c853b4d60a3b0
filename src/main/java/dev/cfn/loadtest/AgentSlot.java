package dev.cfn.loadtest;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.coord.Completion;
import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One agent kept busy: round after round, the orchestrator asks the spawner for the agent, the
 * agent's answer is signalled through the coordinator (as the loop's {@code RunSignals} does for
 * every agent), and the orchestrator's wait on that signal ends the round. Each round's payload
 * carries its number, so a late signal of an earlier round is never taken for the current one.
 */
final class AgentSlot implements Runnable {
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadTest.Context context;
    private final String agentId;

    AgentSlot(LoadTest.Context context, int instance) {
        this.context = context;
        this.agentId = context.plan().agent().name() + "-1-" + instance;
    }

    @Override
    public void run() {
        AtomicBoolean stopping = context.stopping();
        for (int round = 1; !stopping.get(); round++) {
            if (!round(round)) {
                LockSupport.parkNanos(BACKOFF_NANOS); // a failing agent or coordinator is not retried flat out
            }
        }
    }

    /** One round; true when it succeeded. */
    private boolean round(int round) {
        long start = System.nanoTime();
        Future<String> agent = context.agentThreads().submit(() -> agentSide(round, start));
        String waitFailure = awaitSignal(round, start);
        long roundTrip = System.nanoTime() - start;
        String agentFailure = join(agent);
        String failure = agentFailure != null ? agentFailure : waitFailure;
        context.meter().roundEnded(roundTrip, failure);
        return failure == null;
    }

    /** Runs the agent and signals its outcome; returns why it failed, or null. */
    private String agentSide(int round, long start) {
        LoadMeter meter = context.meter();
        meter.agentStarted();
        AgentResult result = null;
        String failure;
        try {
            result = context.spawner().run(invocation(context, agentId, round));
            failure = result.status() == AgentResult.Status.SUCCESS
                    ? null
                    : result.status().name().toLowerCase(Locale.ROOT) + ": " + result.confidenceReason();
        } catch (CfnException e) {
            failure = "agent could not run: " + e.getMessage();
        } finally {
            meter.agentEnded(
                    System.nanoTime() - start, result != null && result.status() == AgentResult.Status.SUCCESS);
        }
        try {
            context.coordinator().signal(context.task(), agentId, completion(round, result, failure));
            meter.coordOp();
        } catch (CfnException e) {
            return "signal failed: " + e.getMessage();
        }
        return failure;
    }

    private static Completion completion(int round, AgentResult result, String failure) {
        String status = failure == null ? "success" : "failure";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        fields.put("round", Integer.toString(round));
        Double confidence = null;
        if (result != null) {
            fields.put("exit_code", Integer.toString(result.exitCode()));
            fields.put("duration_ms", Long.toString(result.duration().toMillis()));
            confidence = result.confidenceReason() == null ? result.confidence() : null;
        }
        return new Completion(payload(round, status), confidence, fields);
    }

    static String payload(int round, String status) {
        return "{\"round\":" + round + ",\"status\":\"" + status + "\"}";
    }

    /** Waits for this round's signal, skipping late ones of earlier rounds; returns why it failed, or null. */
    private String awaitSignal(int round, long start) {
        String prefix = "{\"round\":" + round + ",";
        Duration timeout = context.plan().waitTimeout();
        long deadline = start + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return "no signal within " + timeout.toSeconds() + " s";
                }
                Optional<String> payload = context.coordinator().await(context.task(), agentId, Duration.ofNanos(left));
                context.meter().coordOp();
                if (payload.isPresent() && payload.get().startsWith(prefix)) {
                    return null;
                }
            }
        } catch (CfnException e) {
            return "wait failed: " + e.getMessage();
        }
    }

    private static String join(Future<String> agent) {
        try {
            return agent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "agent side failed: " + e.getCause();
        }
    }

    /** Round {@code round} of agent {@code agentId}: the protocol's input, in the run's temporary workdir. */
    static AgentInvocation invocation(LoadTest.Context context, String agentId, int round) {
        AgentDefinition agent = context.plan().agent();
        Path workdir = context.workdir();
        return new AgentInvocation(
                agent,
                context.task(),
                agentId,
                round,
                Phase.LOOP3,
                null,
                workdir,
                Map.of("task", "load test round " + round, "iteration", round),
                context.env(),
                agent.effectiveTimeout(),
                workdir.resolve("logs"));
    }
}
