package dev.cfn.cli.loop;

import dev.cfn.cli.HelpOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "loop",
        description = "Run CFN loops (implementers -> gate -> validators -> consensus -> product owner), durably.",
        footer = {
            "",
            "Example: cfn loop run \"add a slugify function\" --loop3 coder --loop2 tests --expected-files slug.py"
        },
        subcommands = {
            LoopRunCommand.class,
            LoopResumeCommand.class,
            LoopListCommand.class,
            LoopShowCommand.class,
            LoopBenchCommand.class
        })
public final class LoopCommand implements Runnable {
    @CommandLine.Mixin
    HelpOption help = new HelpOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a loop subcommand is required");
    }
}
