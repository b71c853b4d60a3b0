package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command explains itself: a description and an {@code Example:} line in its --help. */
class CommandHelpTest {

    @Test
    void every_command_has_a_description_and_an_example() {
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new CfnCommand()), commands);

        assertThat(commands).hasSizeGreaterThan(20);
        List<String> withoutDescription = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            if (command.getCommandSpec().usageMessage().description().length == 0) {
                withoutDescription.add(name);
            }
            if (!command.getUsageMessage(CommandLine.Help.Ansi.OFF).matches("(?s).*\\nExample: cfn .*")) {
                withoutExample.add(name);
            }
        }
        assertThat(withoutDescription).as("commands without a description").isEmpty();
        assertThat(withoutExample).as("commands without an 'Example:' line").isEmpty();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        if (command.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
