package dev.cfn.cli.agent;

import dev.cfn.cli.HelpOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "agent",
        description = "Agent definitions (.claude/agents/**/*.md): list, show, run one, benchmark the runtime.",
        footer = {"", "Example: cfn agent list --dir examples/agents"},
        subcommands = {AgentListCommand.class, AgentShowCommand.class, AgentRunCommand.class, AgentBenchCommand.class})
public final class AgentCommand implements Runnable {
    @CommandLine.Mixin
    HelpOption help = new HelpOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an agent subcommand is required");
    }
}
