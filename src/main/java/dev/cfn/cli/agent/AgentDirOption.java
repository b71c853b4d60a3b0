package dev.cfn.cli.agent;

import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.definition.AgentDefinitionParser;
import dev.cfn.agents.spawn.RuntimeDefaults;
import dev.cfn.cli.CliContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option of the agent commands. */
public final class AgentDirOption {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Folder of agent definitions (default: .claude/agents of the current folder).")
    Path dir;

    /** The definitions of the folder; those naming no runtime run on claude-code when the CLI is found. */
    AgentCatalog load(CliContext ctx) {
        return AgentCatalog.load(
                dir != null ? dir : AgentCatalog.DEFAULT_DIR,
                RuntimeDefaults.detect(ctx.agentEnv()),
                AgentDefinitionParser.configuredProviders(ctx.agentEnv()));
    }
}
