package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.cli.model.CommandModel;
import dev.cfn.cli.model.CommandModelWriter;
import dev.cfn.cli.skill.SkillShowCommand;
import dev.cfn.cli.worker.WorkerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command models the build wrote, which start-up reads instead of the annotations, are the
 * annotated model: the same document, usage text, completion script and parsed values.
 */
class CommandModelTest {
    static List<List<String>> everyCommand() {
        return CommandHelpTest.everyCommand().toList();
    }

    @Test
    void the_build_wrote_a_model_for_every_command_of_the_annotated_tree() {
        Map<Class<?>, String> annotated = CommandModelWriter.documents(CfnCommand.annotatedTree(new CfnCommand()));

        assertThat(annotated).hasSizeGreaterThanOrEqualTo(40).containsKey(CommandLine.HelpCommand.class);
        for (Class<?> command : annotated.keySet()) {
            assertThat(CommandModel.of(command)).as(command.getName()).isPresent();
        }
    }

    @Test
    void a_model_built_tree_writes_the_same_document_as_the_annotated_tree_for_every_command() {
        Map<Class<?>, String> annotated = CommandModelWriter.documents(CfnCommand.annotatedTree(new CfnCommand()));
        Map<Class<?>, String> built = CommandModelWriter.documents(CommandTree.whole(new CfnCommand()));

        assertThat(built.keySet()).containsExactlyElementsOf(annotated.keySet());
        annotated.forEach((command, document) ->
                assertThat(built.get(command)).as(command.getName()).isEqualTo(document));
    }

    @ParameterizedTest(name = "cfn {0}")
    @MethodSource("everyCommand")
    void every_command_has_the_annotated_usage_text(List<String> path) {
        CommandLine annotated = leaf(CfnCommand.annotatedTree(new CfnCommand()), path);
        CommandLine built = leaf(CommandTree.whole(new CfnCommand()), path);

        assertThat(built.getUsageMessage(CommandLine.Help.Ansi.OFF))
                .isEqualTo(annotated.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @Test
    void the_completion_script_is_the_annotated_one() {
        assertThat(AutoComplete.bash("cfn", CommandTree.whole(new CfnCommand())))
                .isEqualTo(AutoComplete.bash("cfn", CfnCommand.annotatedTree(new CfnCommand())));
    }

    @Test
    void parsing_sets_the_same_fields_global_options_converters_and_defaults_included() {
        String[] args = {"--home", "/h", "worker", "--redis", "redis://r:1", "--lease", "45s", "--json"};
        WorkerCommand annotated = parsed(CfnCommand.annotatedTree(new CfnCommand()), args, WorkerCommand.class);
        WorkerCommand built = parsed(CommandTree.whole(new CfnCommand()), args, WorkerCommand.class);

        assertThat(fieldValues(built)).isEqualTo(fieldValues(annotated));
        assertThat(fieldValues(built))
                .containsEntry("WorkerCommand.lease", Duration.ofSeconds(45).toString());
    }

    @Test
    void a_path_tree_binds_options_to_the_command_objects_and_sets_their_spec() {
        CfnCommand root = new CfnCommand();
        String[] args = {"skill", "show", "tdd", "--version", "1.0.0", "--json", "--home", "/h"};
        CommandLine tree = CommandTree.forArgs(root, args);
        CommandLine.ParseResult result = tree.parseArgs(args);
        CommandLine leaf = result.subcommand().subcommand().commandSpec().commandLine();
        SkillShowCommand show = (SkillShowCommand) leaf.getCommand();

        assertThat(fieldValues(show))
                .containsEntry("SkillShowCommand.name", "tdd")
                .containsEntry("SkillShowCommand.version", "1.0.0");
        assertThat(root.global.json).isTrue();
        assertThat(root.global.home).isEqualTo("/h");
        assertThat(show.spec).isSameAs(leaf.getCommandSpec());
        assertThat(root.spec).isSameAs(tree.getCommandSpec());
    }

    @Test
    void the_version_provider_gets_the_root_spec() {
        CommandSpec root = CommandTree.whole(new CfnCommand()).getCommandSpec();

        assertThat(((VersionProvider) root.versionProvider()).spec).isSameAs(root);
    }

    private static <T> T parsed(CommandLine tree, String[] args, Class<T> type) {
        CommandLine.ParseResult result = tree.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    /**
     * Every instance field's value, by name, from the class and its superclasses (spec excepted),
     * a mixin's by the values of its own fields.
     */
    private static Map<String, Object> fieldValues(Object command) {
        Map<String, Object> values = new java.util.TreeMap<>();
        for (Class<?> c = command.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType() == CommandSpec.class) {
                    continue;
                }
                String name = c.getSimpleName() + "." + field.getName();
                try {
                    field.setAccessible(true);
                    Object value = field.get(command);
                    if (field.isAnnotationPresent(CommandLine.Mixin.class) && value != null) {
                        fieldValues(value).forEach((k, v) -> values.put(name + "." + k, v));
                    } else {
                        values.put(name, String.valueOf(value));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }

    private static CommandLine leaf(CommandLine tree, List<String> path) {
        CommandLine command = tree;
        for (String name : new ArrayList<>(path)) {
            command = command.getSubcommands().get(name);
        }
        return command;
    }
}
