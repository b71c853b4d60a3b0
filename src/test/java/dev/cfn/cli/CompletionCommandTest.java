package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void bash_script_defines_the_completion_function_and_names_every_command() {
        CliRun run = CliRun.of(Map.of(), List.of("completion", "bash"));

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("function _complete_cfn()")
                .contains("complete -F _complete_cfn")
                .contains("init", "skill", "analytics", "db", "completion")
                .contains("show", "load", "deploy", "vacuum")
                .contains("--home", "--json", "--agent");
    }

    @Test
    void bash_completes_commands_subcommands_and_options_from_the_script() throws Exception {
        Path script = dir.resolve("cfn.bash");
        Files.writeString(
                script, CliRun.of(Map.of(), List.of("completion", "bash")).out());

        assertThat(complete(script, "cfn", "sk")).containsExactly("skill");
        assertThat(complete(script, "cfn", "skill", "sh")).containsExactly("show");
        assertThat(complete(script, "cfn", "skill", "load", "--ag")).containsExactly("--agent");
        assertThat(complete(script, "cfn", "completion", "")).containsExactlyInAnyOrder("bash", "zsh");
    }

    @Test
    void zsh_script_is_the_bash_script_behind_a_zsh_header() {
        String bash = CliRun.of(Map.of(), List.of("completion", "bash")).out();

        CliRun zsh = CliRun.of(Map.of(), List.of("completion", "zsh"));

        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out())
                .startsWith("# cfn completion for zsh")
                .endsWith(bash)
                .contains("bashcompinit");
    }

    @Test
    void an_unknown_shell_is_rejected_naming_the_choices() {
        CliRun run = CliRun.of(Map.of(), List.of("completion", "fish"));

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("expected one of [bash, zsh]").contains("'fish'");
    }

    /** Runs the script's completion function in a real bash for the words typed so far. */
    private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        assumeThat(Path.of("/bin/bash"))
                .as("bash is needed to run the completion script")
                .exists();
        String wordArray = String.join(
                " ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "compopt() { :; }; source \"$1\"; COMP_WORDS=(" + wordArray + "); COMP_CWORD="
                + (words.length - 1) + "; _complete_cfn; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("/bin/bash", "-c", program, "bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(line -> !line.isEmpty()).toList();
    }
}
