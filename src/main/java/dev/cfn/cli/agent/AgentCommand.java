package dev.cfn.cli.agent;

import dev.cfn.cli.CfnGroup;
import picocli.CommandLine.Command;

@Command(
        name = "agent",
        description = "Agent definitions (.claude/agents/**/*.md): list, show, run one, benchmark the runtime.",
        footer = {"", "Example: cfn agent list --dir examples/agents"},
        subcommands = {AgentListCommand.class, AgentShowCommand.class, AgentRunCommand.class, AgentBenchCommand.class})
public final class AgentCommand extends CfnGroup {}
