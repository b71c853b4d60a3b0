package dev.cfn.cli.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.json.Json;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = "Run one agent under the agent protocol and print its result (exit 0 on success, 1 otherwise).",
        footer = {
            "",
            "Example: cfn agent run hello-implementer --dir examples/agents --workdir /tmp/w --input '{\"task\":\"x\"}'"
        })
public final class AgentRunCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Agent name.")
    String name;

    @Mixin
    AgentDirOption dir;

    @Option(names = "--input", paramLabel = "JSON", description = "The stdin document, or @FILE (default {}).")
    String input;

    @Option(names = "--workdir", paramLabel = "DIR", description = "CFN_WORKDIR and current folder (default: .).")
    Path workdir;

    @Option(
            names = "--task-id",
            paramLabel = "ID",
            defaultValue = "manual",
            description = "CFN_TASK_ID (default manual).")
    String taskId;

    @Option(names = "--loop", paramLabel = "L", defaultValue = "loop3", description = "loop3, loop2 or product-owner.")
    String loop;

    @Option(names = "--mode", paramLabel = "M", defaultValue = "standard", description = "CFN_MODE (default standard).")
    String mode;

    @Option(names = "--timeout", paramLabel = "T", description = "Override the definition's timeout, e.g. 30s.")
    String timeout;

    @Mixin
    dev.cfn.cli.SandboxOption sandbox = new dev.cfn.cli.SandboxOption();

    @Override
    protected void execute() {
        AgentDefinition d = sandbox.apply(dir.load(ctx()).require(name));
        Path work = workdir != null ? workdir : Path.of(".");
        if (!Files.isDirectory(work)) {
            throw new InvalidInputException("--workdir " + work + ": no such folder");
        }
        Duration limit = timeout == null ? d.effectiveTimeout() : parseTimeout();
        Map<String, String> env = new HashMap<>();
        ctx().settings().redisUrl().ifPresent(url -> env.put("CFN_REDIS_URL", url));
        AgentInvocation invocation = new AgentInvocation(
                d,
                taskId,
                d.name() + "-1-1",
                1,
                Phase.of("--loop", loop),
                mode,
                work,
                readInput(),
                env,
                limit,
                ctx().settings().logDir(),
                progress -> {
                    if (progress.kind() == AgentProgress.Kind.TOOL) {
                        out().err().println("cfn: " + progress.agentId() + ": " + progress.summary());
                        out().err().flush();
                    }
                });
        AgentResult result;
        // skills_for_agent (a Claude Code agent's MCP tool) opens the registry only when called
        try (AgentSpawner spawner = AgentSpawner.create(
                SpawnerSettings.defaults().withEnv(ctx().agentEnv()).withPrices(ctx().prices()),
                request -> ctx().loader().load(request))) {
            result = spawner.run(invocation);
        }
        out().print(AgentViews.result(result), () -> out().fields(AgentViews.result(result)));
        if (result.status() != AgentResult.Status.SUCCESS) {
            throw new AgentRunFailed(result);
        }
    }

    private Duration parseTimeout() {
        try {
            return Quantities.timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--timeout " + e.getMessage());
        }
    }

    private Map<String, Object> readInput() {
        if (input == null) {
            return Map.of();
        }
        String text = input;
        String where = "--input";
        try {
            if (input.startsWith("@")) {
                where = input.substring(1);
                text = Files.readString(Path.of(where));
            }
            Map<String, Object> parsed =
                    Json.mapper().readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
            return parsed == null ? Map.of() : parsed;
        } catch (IOException e) {
            throw new InvalidInputException(where + ": must be a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
