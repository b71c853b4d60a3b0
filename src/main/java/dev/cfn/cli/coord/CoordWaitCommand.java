package dev.cfn.cli.coord;

import dev.cfn.RetriableException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "wait",
        description = {
            "Wait for an agent's signal and print its payload.",
            "",
            "BLPOPs swarm:TASK:AGENT:done, consuming the signal; with --json also prints the agent's"
                    + " confidence and result. Never waits past --timeout, even when Redis drops or restarts"
                    + " meanwhile (it reconnects and keeps waiting until the deadline).",
            "",
            "Use --redis: without it the wait lives in this process, so a 'cfn coord signal' from another"
                    + " process can never wake it; it can only time out."
        },
        footer = {
            "",
            "Exit codes: 0 signalled (payload on stdout); 1 timed out (one line on stderr) or Redis"
                    + " unavailable; 2 invalid id or timeout.",
            "Example: cfn coord wait --task auth-42 --agent coder-1-1 --timeout 30s --redis redis://127.0.0.1:6379"
        })
public final class CoordWaitCommand extends CfnSubcommand {
    @Option(names = "--task", required = true, paramLabel = "T", description = "The task id.")
    String task;

    @Option(names = "--agent", required = true, paramLabel = "A", description = "The agent id.")
    String agent;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait: 500ms, 30s, 5m, 1h (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    protected void execute() {
        KeyScheme.requireTaskId(task);
        KeyScheme.requireAgentId(agent);
        if (timeout.isZero()) {
            throw new dev.cfn.InvalidInputException("--timeout must be positive, but was 0");
        }
        Coordinator coordinator = ctx().coordinator();
        if (coordinator instanceof LocalCoordinator) {
            out().warn("no --redis: only this process could signal this wait, so it will time out");
        }
        Optional<String> payload = coordinator.await(task, agent, timeout);
        if (payload.isEmpty()) {
            throw new RetriableException("no signal from agent " + agent + " of task " + task + " within "
                    + DurationConverter.format(timeout) + " (" + coordinator.describe() + ")");
        }
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("task", task);
            doc.put("agent", agent);
            doc.put("payload", payload.get());
            var confidence = coordinator.confidence(task, agent);
            doc.put("confidence", confidence.isPresent() ? confidence.getAsDouble() : null);
            doc.put("result", coordinator.result(task, agent));
            out().print(doc, () -> {});
        } else {
            out().line(payload.get());
        }
    }
}
