package dev.cfn.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options valid before or after any subcommand (picocli scope INHERIT), mixed into the root
 * command. A class of their own so that {@link CommandTree} can give a root built without its
 * subcommands the same options.
 */
public final class GlobalOptions {
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
}
