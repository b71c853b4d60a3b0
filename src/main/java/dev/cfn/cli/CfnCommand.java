package dev.cfn.cli;

import dev.cfn.CfnException;
import dev.cfn.cli.db.DbCommand;
import dev.cfn.cli.skill.SkillCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code cfn} command: global options and the list of subcommands. */
@Command(
        name = "cfn",
        mixinStandardHelpOptions = true,
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
            AnalyticsCommand.class,
            DbCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CfnCommand implements Runnable {
    @Option(
            names = "--home",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "State folder (default ./.cfn, env CFN_HOME).")
    String home;

    @Option(
            names = "--db",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "JDBC URL of an external database (env CFN_DB_URL); default: <home>/cfn.db.")
    String db;

    @Option(
            names = "--redis",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Redis URL for coordination and the shared cache (env CFN_REDIS_URL).")
    String redis;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print one machine-readable JSON document on stdout.")
    boolean json;

    private Map<String, String> env = Map.of();
    private CliContext context;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required (see 'cfn --help')");
    }

    /** The resources of this invocation, created on first use. */
    public CliContext context() {
        if (context == null) {
            context = new CliContext(env, home, db, redis, json);
        }
        return context;
    }

    /** Parses and runs one command line; returns its exit code. Never throws. */
    public static int run(String[] args, Map<String, String> env) {
        CfnCommand root = new CfnCommand();
        root.env = Map.copyOf(env);
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler(CfnCommand::onFailure);
        cli.setParameterExceptionHandler(CfnCommand::onBadUsage);
        try {
            return cli.execute(args);
        } finally {
            if (root.context != null) {
                root.context.close();
            }
        }
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
