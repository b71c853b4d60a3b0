package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help that teaches: every command of the picocli model answers --help with an example. */
class CommandHelpTest {
    /** The end of a sentence or of a lead-in: a full stop, colon, question or exclamation mark, maybe closed. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.:?!][)'\"]*$");

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

    /**
     * Picocli prints each element of a description (and each {@code %n}) on a line of its own and
     * wraps within it, so a break written inside a sentence shows as a short line in the middle of
     * it ("the gate (mean" / "reported confidence..."). A description is one element per paragraph.
     */
    @ParameterizedTest(name = "cfn {0}")
    @MethodSource("everyCommand")
    void every_line_break_written_in_a_description_falls_between_sentences(List<String> path) {
        CommandLine command = CfnCommand.commandLine(new CfnCommand());
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        var spec = command.getCommandSpec();

        assertBreaksBetweenSentences("the description", spec.usageMessage().description());
        spec.args().forEach(arg -> assertBreaksBetweenSentences(arg.toString(), arg.description()));
    }

    private static void assertBreaksBetweenSentences(String what, String[] description) {
        List<String> lines = Stream.of(String.join("%n", description).split("%n"))
                .map(String::strip)
                .toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i);
            assertThat(line.isEmpty() || SENTENCE_END.matcher(line).find())
                    .as("%s breaks a sentence after \"%s\"", what, line)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "cfn {0}")
    @CsvSource({"skill, a skill", "agent, an agent", "db, a db"})
    void a_group_named_without_a_subcommand_is_a_usage_error_that_says_so(String group, String what) {
        CliRun run = CliRun.of(Map.of(), List.of(group));

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err())
                .isEqualTo("cfn: " + what + " subcommand is required (see 'cfn " + group + " --help')"
                        + System.lineSeparator());
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
