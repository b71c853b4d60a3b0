package dev.cfn.cli.coord;

import dev.cfn.cli.CfnGroup;
import picocli.CommandLine.Command;

@Command(
        name = "coord",
        description = {
            "Coordination between agents: signals and waits, stats, cleanup, benchmark.",
            "",
            "In process by default: then only this process takes part, so 'signal' in one process cannot"
                    + " wake 'wait' in another. With --redis URL (env CFN_REDIS_URL) coordination lives on"
                    + " Redis, where agents in any process, machine or language take part with plain Redis"
                    + " commands (docs/coordination-protocol.md)."
        },
        footer = {"", "Example: cfn coord ping --redis redis://127.0.0.1:6379"},
        subcommands = {
            CoordPingCommand.class,
            CoordStatsCommand.class,
            CoordCleanupCommand.class,
            CoordSignalCommand.class,
            CoordWaitCommand.class,
            CoordBenchCommand.class
        })
public final class CoordCommand extends CfnGroup {}
