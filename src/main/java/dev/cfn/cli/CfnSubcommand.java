package dev.cfn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every leaf command: {@code --help}, access to this invocation's resources, and a uniform exit. */
@Command
public abstract class CfnSubcommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    protected CommandSpec spec;

    protected CliContext ctx() {
        return ((CfnCommand) spec.root().userObject()).context();
    }

    protected Output out() {
        return ctx().output();
    }

    @Override
    public final Integer call() throws Exception {
        execute();
        return exitCode();
    }

    /** The exit code after {@link #execute} returned normally: 0 unless a command says otherwise. */
    protected int exitCode() {
        return ExitCodes.OK;
    }

    /** Validates, acts, prints; throws a {@link dev.cfn.CfnException} to fail. */
    protected abstract void execute() throws Exception;
}
