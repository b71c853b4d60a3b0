package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The tree built for one command line behaves like the whole tree on that command line. */
class CommandTreeTest {
    static java.util.stream.Stream<List<String>> everyCommand() {
        return CommandHelpTest.everyCommand();
    }

    @ParameterizedTest(name = "cfn {0}")
    @MethodSource("everyCommand")
    void each_command_has_the_same_usage_in_the_path_tree_as_in_the_whole_tree(List<String> path) {
        String[] args = path.toArray(String[]::new);

        CommandLine lazy = leaf(CommandTree.forArgs(new CfnCommand(), args), path);
        CommandLine whole = leaf(CfnCommand.commandLine(new CfnCommand()), path);

        assertThat(lazy.getUsageMessage()).isEqualTo(whole.getUsageMessage());
    }

    @Test
    void a_named_command_gets_only_its_path() {
        CommandLine tree = CommandTree.forArgs(new CfnCommand(), new String[] {"skill", "show", "x"});

        assertThat(tree.getSubcommands()).containsOnlyKeys("skill");
        assertThat(tree.getSubcommands().get("skill").getSubcommands()).containsOnlyKeys("show");
    }

    @Test
    void help_completion_unknown_names_and_group_options_get_the_whole_tree() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--help"},
                new String[] {"help", "skill"},
                new String[] {"completion", "bash"},
                new String[] {"frobnicate"},
                new String[] {"@args.txt", "skill", "show", "x"})) {
            assertThat(CommandTree.forArgs(new CfnCommand(), args).getSubcommands())
                    .as(String.join(" ", args))
                    .containsKeys("init", "skill", "db", "help", "completion");
        }
        assertThat(CommandTree.forArgs(new CfnCommand(), new String[] {"skill", "--help", "show"})
                        .getSubcommands()
                        .get("skill")
                        .getSubcommands())
                .containsKeys("show", "load", "deploy");
    }

    @Test
    void global_options_are_accepted_before_between_and_after_the_command_words() {
        CfnCommand root = new CfnCommand();
        String[] args = {"--home", "/h", "skill", "--json", "show", "tdd", "--redis=redis://x", "--db", "jdbc:x"};

        CommandLine.ParseResult parsed = CommandTree.forArgs(root, args).parseArgs(args);

        assertThat(root.global.home).isEqualTo("/h");
        assertThat(root.global.json).isTrue();
        assertThat(root.global.redis).isEqualTo("redis://x");
        assertThat(root.global.db).isEqualTo("jdbc:x");
        assertThat(parsed.subcommand().subcommand().commandSpec().qualifiedName())
                .isEqualTo("cfn skill show");
        assertThat(parsed.subcommand().subcommand().matchedPositionalValue(0, ""))
                .isEqualTo("tdd");
    }

    @Test
    void command_words_skip_global_options_and_their_values_and_stop_at_other_options() {
        assertThat(CommandTree.commandWords(new String[] {"--home", "skill", "db", "stats"}))
                .containsExactly("db", "stats");
        assertThat(CommandTree.commandWords(new String[] {"--home=/h", "--json", "init", "x", "y"}))
                .containsExactly("init", "x");
        assertThat(CommandTree.commandWords(new String[] {"skill", "-h", "show"}))
                .containsExactly("skill");
        assertThat(CommandTree.commandWords(new String[] {"--help"})).isEmpty();
    }

    @Test
    void a_misspelt_subcommand_is_reported_as_by_the_whole_tree() {
        CliRun run = CliRun.of(Map.of(), List.of("skill", "shwo"));

        assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("'shwo'").contains("see 'cfn skill --help'");
    }

    private static CommandLine leaf(CommandLine tree, List<String> path) {
        CommandLine command = tree;
        for (String word : new ArrayList<>(path)) {
            command = command.getSubcommands().get(word);
        }
        return command;
    }
}
