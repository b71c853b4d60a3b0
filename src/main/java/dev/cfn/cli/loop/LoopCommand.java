package dev.cfn.cli.loop;

import dev.cfn.cli.CfnGroup;
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
            LoopCancelCommand.class,
            LoopListCommand.class,
            LoopShowCommand.class,
            LoopDiffCommand.class,
            LoopPruneCommand.class,
            LoopBenchCommand.class
        })
public final class LoopCommand extends CfnGroup {}
