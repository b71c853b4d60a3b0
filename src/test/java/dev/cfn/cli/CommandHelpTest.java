package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help that teaches: every command of the picocli model answers --help with an example. */
class CommandHelpTest {
    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(CfnCommand.commandLine(new CfnCommand()), List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            // Aliases map to the same CommandLine; walk each command once, by its own name.
            if (name.equals(sub.getCommandName())) {
                List<String> subPath = new ArrayList<>(path);
                subPath.add(name);
                collect(sub, List.copyOf(subPath), paths);
            }
        });
    }

    @ParameterizedTest(name = "cfn {0} --help")
    @MethodSource("everyCommand")
    void every_command_answers_help_with_usage_and_an_example(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        CliRun run = CliRun.of(Map.of(), args);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(("Usage: cfn " + String.join(" ", path)).trim())
                .containsPattern("(?m)^Example: cfn \\S");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_walk_reaches_nested_commands_and_the_built_in_ones() {
        assertThat(everyCommand())
                .contains(
                        List.of(),
                        List.of("skill", "show"),
                        List.of("skill", "deploy"),
                        List.of("db", "vacuum"),
                        List.of("completion"),
                        List.of("help"))
                .hasSizeGreaterThanOrEqualTo(25);
    }
}
