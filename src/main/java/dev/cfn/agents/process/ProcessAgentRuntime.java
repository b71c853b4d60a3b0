package dev.cfn.agents.process;

import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Results;
import java.time.Duration;

/**
 * The {@code command} runtime: the agent is a child process speaking the agent protocol (see
 * docs/agent-protocol.md). A non-zero exit is a FAILURE with confidence 0.0 whatever it printed; a
 * timeout is a TIMEOUT with confidence 0.0 and the whole process tree ended. Thread-safe.
 */
public final class ProcessAgentRuntime implements AgentRuntime {
    private final ProcessRunner runner;
    private final AgentOutputParser parser = new AgentOutputParser();

    public ProcessAgentRuntime(ProcessRunner runner) {
        this.runner = runner;
    }

    /** A runtime with this machine's resource limits and the given kill grace. */
    public static ProcessAgentRuntime create(Duration killGrace) {
        return new ProcessAgentRuntime(new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), killGrace));
    }

    @Override
    public AgentResult run(AgentInvocation invocation) {
        ProcessOutcome outcome = runner.execute(invocation);
        AgentAnswer answer = parser.parse(outcome.stdout());
        return Results.of(
                        invocation,
                        answer,
                        outcome.failure(invocation),
                        outcome.timedOut(),
                        outcome.exitCode(),
                        outcome.duration())
                .build();
    }
}
