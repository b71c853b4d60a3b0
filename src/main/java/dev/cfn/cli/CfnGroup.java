package dev.cfn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of a command group ({@code skill}, {@code loop}, {@code agent}, {@code db}, {@code coord}):
 * {@code --help}, and a usage error ("a skill subcommand is required") when no subcommand is named.
 */
@Command
public abstract class CfnGroup implements Runnable {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        String name = spec.name();
        String article = "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
        throw new CommandLine.ParameterException(spec.commandLine(), article + name + " subcommand is required");
    }
}
