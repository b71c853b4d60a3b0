package dev.cfn.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help}, mixed into every cfn command ({@link CfnSubcommand} holds it for the leaf
 * commands). Not picocli's {@code mixinStandardHelpOptions}: its {@code -V, --version} clashes with
 * the skill commands' {@code --version V}, and picocli then drops the whole mixin, {@code --help}
 * included. Only the root command prints cfn's version.
 */
public final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;
}
