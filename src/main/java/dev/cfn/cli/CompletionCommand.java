package dev.cfn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cfn completion bash|zsh}: a completion script generated from the command model, so it
 * always knows every command and option of this build. The script is bash; zsh runs it through
 * its {@code bashcompinit} layer (the script turns that on itself).
 */
@Command(
        name = "completion",
        description = {
            "Print a shell completion script for cfn (commands, subcommands, options).",
            "",
            "bash: save the script as ~/.local/share/bash-completion/completions/cfn, or add"
                    + " 'source <(cfn completion bash)' to ~/.bashrc.",
            "zsh: add 'source <(cfn completion zsh)' to ~/.zshrc."
        },
        footer = {"", "Example: cfn completion bash > ~/.local/share/bash-completion/completions/cfn"})
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the generated script supports. */
    enum Shell {
        bash,
        zsh
    }

    @Mixin
    HelpOption help = new HelpOption();

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.println("# cfn completion for zsh (through bashcompinit): source <(cfn completion zsh)");
        }
        out.print(script);
        out.flush();
        return ExitCodes.OK;
    }
}
