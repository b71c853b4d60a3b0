package dev.cfn.cli.agent;

import dev.cfn.agents.definition.AgentCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir} option of the agent commands. */
public final class AgentDirOption {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Folder of agent definitions (default: .claude/agents of the current folder).")
    Path dir;

    AgentCatalog load() {
        return AgentCatalog.load(dir != null ? dir : AgentCatalog.DEFAULT_DIR);
    }
}
