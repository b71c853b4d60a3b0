package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.process.Launch;
import dev.cfn.agents.process.ProcessOutcome;
import dev.cfn.agents.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Bash {command, timeout?}}: one {@code bash -c} in the working folder through the command
 * agents' {@link ProcessRunner} (the allowlisted environment without any API key, the definition's
 * resource limits, the process tree ended at the timeout, the marker sweep), stdout and stderr
 * together, capped by the tool box. The timeout is in milliseconds as Claude Code's (2 minutes by
 * default, 10 at most) and never past the agent's own deadline.
 */
final class BashTool implements Tool {
    static final long DEFAULT_TIMEOUT_MS = 120_000;
    static final long MAX_TIMEOUT_MS = 600_000;

    private final ProcessRunner runner;
    private final AgentInvocation invocation;
    private final Supplier<Duration> remaining;
    private final int maxOutput;
    private int runs;

    BashTool(ProcessRunner runner, AgentInvocation invocation, Supplier<Duration> remaining, int maxOutput) {
        this.runner = runner;
        this.invocation = invocation;
        this.remaining = remaining;
        this.maxOutput = maxOutput;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Bash",
                "Runs a bash command in the working folder and returns its output (stdout and stderr) and exit"
                        + " code. timeout in milliseconds (120000 by default, at most 600000).",
                Map.of(
                        "command", ToolSpec.field("string", "the command"),
                        "timeout", ToolSpec.field("integer", "milliseconds before the command is ended")),
                List.of("command"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String command = Tool.text(input, "command");
        long ms = Math.min(Tool.number(input, "timeout", 1, DEFAULT_TIMEOUT_MS), MAX_TIMEOUT_MS);
        Duration timeout = Duration.ofMillis(ms);
        Duration left = remaining.get();
        if (left.compareTo(timeout) < 0) {
            timeout = left;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ToolError("the agent has no time left to run a command");
        }
        AgentInvocation inv = invocation(++runs, timeout);
        Path copy = AgentFiles.file(inv, ".bash.out");
        Output output = new Output(maxOutput);
        try {
            ProcessOutcome outcome = runner.follow(
                    inv, new Launch(List.of("/bin/bash", "-c", "exec 2>&1\n" + command), Map.of(), copy, output));
            String text = output.text();
            if (outcome.timedOut()) {
                throw new ToolError(text + "\n[command timed out after " + Quantities.format(timeout)
                        + "; its processes were ended]");
            }
            if (outcome.interrupted()) {
                throw new ToolError(text + "\n[command interrupted: the agent is stopping]");
            }
            if (outcome.exitCode() != 0) {
                throw new ToolError(text + (text.isEmpty() ? "" : "\n") + "[exit code " + outcome.exitCode() + "]");
            }
            return text.isEmpty() ? "(no output)" : text;
        } catch (RetriableException e) {
            throw new ToolError("cannot run the command: " + e.getMessage());
        } finally {
            deleteQuietly(copy);
            deleteQuietly(AgentFiles.file(inv, ".log"));
            deleteQuietly(AgentFiles.file(inv, ".out"));
        }
    }

    /** The agent's invocation for one command: its own file names, a command runtime (no key), the timeout. */
    private AgentInvocation invocation(int n, Duration timeout) {
        AgentInvocation i = invocation;
        return new AgentInvocation(
                i.definition().withRuntime(RuntimeKind.COMMAND),
                i.taskId(),
                i.agentId() + ".bash-" + n,
                i.iteration(),
                i.phase(),
                i.mode(),
                i.workdir(),
                Map.of(),
                i.env(),
                timeout,
                i.logDir(),
                null,
                null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover log file is harmless
        }
    }

    /** Collects the output lines up to a cap; counts what is past it. */
    private static final class Output implements Launch.LineFollower {
        private final StringBuilder text = new StringBuilder();
        private final int max;
        private long dropped;

        Output(int max) {
            this.max = max;
        }

        @Override
        public synchronized void line(String line) {
            if (text.length() + line.length() + 1 <= max) {
                text.append(line).append('\n');
            } else {
                dropped += line.length() + 1;
            }
        }

        synchronized String text() {
            String s = text.toString().stripTrailing();
            return dropped == 0 ? s : s + "\n" + ToolBox.truncated(dropped);
        }
    }
}
