package dev.cfn.cli;

import dev.cfn.CfnException;
import dev.cfn.cli.bench.BenchCommand;
import dev.cfn.cli.bench.LoadtestCommand;
import dev.cfn.cli.db.DbCommand;
import dev.cfn.cli.skill.SkillCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root {@code cfn} command: global options and the list of subcommands. */
@Command(
        name = "cfn",
        versionProvider = VersionProvider.class,
        description = "Orchestrates multi-agent AI workflows with the CFN Loop: skills, agents, coordination.",
        footer = {
            "",
            "Exit codes: 0 success, 1 internal or unavailable, 2 invalid input, 3 not found, 4 conflict.",
            "Example: cfn init && cfn skill import examples/skills && cfn skill load --agent backend-developer"
        },
        subcommands = {
            InitCommand.class,
            SkillCommand.class,
            dev.cfn.cli.loop.LoopCommand.class,
            dev.cfn.cli.agent.AgentCommand.class,
            AnalyticsCommand.class,
            DbCommand.class,
            dev.cfn.cli.coord.CoordCommand.class,
            dev.cfn.cli.worker.WorkerCommand.class,
            CompletionCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            McpCommand.class,
            LoadtestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CfnCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    HelpOption help = new HelpOption();

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print version information and exit.")
    boolean version;

    private Map<String, String> env = Map.of();
    private CliContext context;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The resources of this invocation, created on first use. Thread-safe. */
    public synchronized CliContext context() {
        if (context == null) {
            context = new CliContext(env, global.home, global.db, global.redis, global.json);
        }
        return context;
    }

    /** Parses and runs one command line; returns its exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env) {
        CfnCommand root = new CfnCommand();
        root.env = Map.copyOf(env);
        CommandLine cli = CommandTree.forArgs(root, args);
        try {
            return cli.execute(args);
        } finally {
            if (root.context != null) {
                root.context.close();
            }
        }
    }

    /** The whole command tree of {@code root}, with cfn's error handlers and help text. */
    static CommandLine commandLine(CfnCommand root) {
        return withHandlers(CommandTree.whole(root));
    }

    /**
     * The whole command tree of {@code root} as picocli reads it from the annotations, with cfn's
     * help text: the source of the command models the build writes (CommandModelWriter) and start-up
     * reads instead (CommandModel).
     */
    public static CommandLine annotatedTree(CfnCommand root) {
        CommandLine cli = new CommandLine(root);
        cli.getSubcommands().get("help").getCommandSpec().usageMessage().footer("", "Example: cfn help skill");
        return cli;
    }

    /** Sets cfn's one mapping of failures to exit codes on {@code cli} and the commands under it. */
    static CommandLine withHandlers(CommandLine cli) {
        cli.setExecutionExceptionHandler(CfnCommand::onFailure);
        cli.setParameterExceptionHandler(CfnCommand::onBadUsage);
        return cli;
    }

    private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof CfnException) {
            err.println("cfn: " + e.getMessage());
        } else {
            err.println("cfn: internal error: " + e);
            if (System.getenv("CFN_DEBUG") != null) {
                e.printStackTrace(err);
            }
        }
        err.flush();
        return ExitCodes.of(e);
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("cfn: " + e.getMessage().lines().findFirst().orElse("invalid usage") + " (see '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.INVALID;
    }
}
