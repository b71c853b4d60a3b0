package dev.cfn.cli.agent;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.bench.AgentBench;
import dev.cfn.agents.bench.ApiAgentBench;
import dev.cfn.agents.bench.ClaudeCodeBench;
import dev.cfn.agents.bench.ContainerBench;
import dev.cfn.cli.CfnSubcommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = "Measure agent spawn p50 against the ProcessBuilder /bin/true floor (same run), and warm-pool"
                + " dispatch p50; with --runtime claude-code, what cfn adds to a bare claude -p run (p50/p99); with"
                + " --runtime anthropic or openai, cfn's own time per model turn of its agent loop and the heap of 100"
                + " concurrent API agents; with --sandbox container, a container's cold start against warm dispatch.",
        footer = {
            "",
            "Example: cfn agent bench --samples 500 --json",
            "         cfn agent bench --runtime claude-code --samples 20",
            "         cfn agent bench --runtime openai --samples 200",
            "         cfn agent bench --sandbox container --samples 20"
        })
public final class AgentBenchCommand extends CfnSubcommand {
    @Option(
            names = "--samples",
            paramLabel = "N",
            description = "Samples of each (default 300; 20 with --runtime claude-code or --sandbox container; 200 with"
                    + " anthropic or openai).")
    Integer samples;

    @Option(
            names = "--runtime",
            paramLabel = "R",
            defaultValue = "command",
            description = "command (default): spawn and warm dispatch; claude-code: cfn's overhead on the real"
                    + " Claude Code CLI, against a scripted Messages API the bench starts on 127.0.0.1; anthropic or"
                    + " openai: the API agent loop against a scripted server of that wire format on 127.0.0.1.")
    String runtime;

    @Option(
            names = "--sandbox",
            paramLabel = "S",
            description = "container: cold start (a new container per agent) against warm dispatch (a container"
                    + " started ahead) and a host process, in the same run; the image is container.image of"
                    + " <home>/config.")
    String sandbox;

    @Override
    protected void execute() throws Exception {
        if (runtime.equals("anthropic") || runtime.equals("openai")) {
            int n = samples != null ? samples : 200;
            if (n < 10) {
                throw new InvalidInputException("--samples must be at least 10, but was " + n);
            }
            Map<String, Object> report =
                    ApiAgentBench.run(runtime.equals("openai") ? RuntimeKind.OPENAI : RuntimeKind.ANTHROPIC, n);
            out().print(report, () -> out().fields(report));
            return;
        }
        boolean claude = switch (runtime) {
            case "command" -> false;
            case "claude-code" -> true;
            default ->
                throw new InvalidInputException(
                        "--runtime must be command, claude-code, anthropic or openai, but was '" + runtime + "'");
        };
        if (sandbox != null && !sandbox.equals("container") && !sandbox.equals("none")) {
            throw new InvalidInputException("--sandbox must be none or container, but was '" + sandbox + "'");
        }
        if ("container".equals(sandbox)) {
            if (claude) {
                throw new InvalidInputException(
                        "--sandbox container measures command agents: drop --runtime claude-code");
            }
            int n = samples != null ? samples : 20;
            if (n < 5) {
                throw new InvalidInputException("--samples must be at least 5, but was " + n);
            }
            Map<String, Object> report = ContainerBench.run(n, ctx().agentEnv());
            out().print(report, () -> out().fields(report));
            return;
        }
        int n = samples != null ? samples : claude ? 20 : 300;
        if (n < (claude ? 5 : 10)) {
            throw new InvalidInputException("--samples must be at least " + (claude ? 5 : 10) + ", but was " + n);
        }
        Map<String, Object> report = claude ? ClaudeCodeBench.run(n, ctx().agentEnv()) : AgentBench.run(n);
        out().print(report, () -> out().fields(report));
    }
}
