package dev.cfn.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli command tree for one command line. Building a command's model (reflection over its
 * fields and annotations) is the largest part of cfn's start-up, so a command line that names its
 * command gets only the commands on its path: the root with the global options, the command and,
 * under a group such as {@code skill}, the one subcommand named. Every other command line (none
 * named, {@code help}, {@code completion}, an unknown name, an option of the group itself, an
 * {@code @file}) gets the whole tree, so usage, suggestions and errors stay picocli's own. The
 * subcommands are still declared in the {@code @Command} annotations; this only reads them.
 */
final class CommandTree {
    private static final Set<String> GLOBALS_WITH_VALUE = Set.of("--home", "--db", "--redis");
    private static final Set<String> NEED_WHOLE_TREE = Set.of("help", "completion");

    private CommandTree() {}

    /** The tree for {@code args}, with cfn's error handlers. */
    static CommandLine forArgs(CfnCommand root, String[] args) {
        List<String> words = commandWords(args);
        CommandLine path = words.isEmpty() || NEED_WHOLE_TREE.contains(words.get(0)) ? null : path(root, words);
        return path != null ? CfnCommand.withHandlers(path) : CfnCommand.commandLine(root);
    }

    /**
     * The first (at most two) command words of {@code args}: the arguments before the first option
     * that is not a global one, skipping global options and their values. Empty when an argument
     * is an {@code @file} picocli would expand.
     */
    static List<String> commandWords(String[] args) {
        List<String> words = new ArrayList<>(2);
        if (Arrays.stream(args).anyMatch(a -> a.startsWith("@"))) {
            return words;
        }
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            String arg = args[i];
            if (GLOBALS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.equals("--json") || GLOBALS_WITH_VALUE.contains(arg.split("=", 2)[0])) {
                continue;
            } else if (arg.startsWith("-")) {
                break;
            } else {
                words.add(arg);
            }
        }
        return words;
    }

    /** The root with only the commands named by {@code words}, or null when one is unknown. */
    private static CommandLine path(CfnCommand root, List<String> words) {
        Class<?> command = subcommand(CfnCommand.class, words.get(0));
        if (command == null) {
            return null;
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(root);
        spec.name(nameOf(CfnCommand.class));
        // Options first: adding a subcommand copies the INHERIT-scoped options into it.
        spec.addMixin("global", CommandSpec.forAnnotatedObject(root.global));
        spec.addSubcommand(nameOf(command), commandLine(command, words));
        return new CommandLine(spec);
    }

    private static CommandLine commandLine(Class<?> command, List<String> words) {
        Class<?> subcommand = words.size() > 1 ? subcommand(command, words.get(1)) : null;
        if (subcommand == null) {
            return new CommandLine(command); // a leaf, or a group used without a subcommand we know
        }
        try {
            CommandSpec group = CommandSpec.wrapWithoutInspection(
                    CommandLine.defaultFactory().create(command));
            group.name(nameOf(command));
            group.addSubcommand(nameOf(subcommand), new CommandLine(subcommand));
            return new CommandLine(group);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create command " + command.getName(), e);
        }
    }

    private static Class<?> subcommand(Class<?> parent, String word) {
        Command command = parent.getAnnotation(Command.class);
        for (Class<?> candidate : command == null ? new Class<?>[0] : command.subcommands()) {
            Command sub = candidate.getAnnotation(Command.class);
            if (sub != null
                    && (sub.name().equals(word) || Arrays.asList(sub.aliases()).contains(word))) {
                return candidate;
            }
        }
        return null;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
