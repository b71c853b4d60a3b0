package dev.cfn.cli;

import dev.cfn.cli.model.CommandModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli command tree for one command line, built from the build's {@link CommandModel}s
 * (never from annotations, when the build wrote them). A command line that names its command gets
 * only the commands on its path: the root with the global options, the command and, under a group
 * such as {@code skill}, the one subcommand named. Every other command line (none named, {@code
 * help}, {@code completion}, an unknown name, an option of the group itself, an {@code @file}) gets
 * the whole tree, so usage, suggestions and errors stay picocli's own. The subcommands are declared
 * in the {@code @Command} annotations, which the models were made from.
 */
final class CommandTree {
    private static final Set<String> GLOBALS_WITH_VALUE = Set.of("--home", "--db", "--redis");
    private static final Set<String> NEED_WHOLE_TREE = Set.of("help", "completion");

    private CommandTree() {}

    /** The tree for {@code args}, with cfn's error handlers. */
    static CommandLine forArgs(CfnCommand root, String[] args) {
        List<String> words = commandWords(args);
        CommandLine path = words.isEmpty() || NEED_WHOLE_TREE.contains(words.get(0)) ? null : path(root, words);
        return CfnCommand.withHandlers(path != null ? path : whole(root));
    }

    /** Every command under {@code root}. */
    static CommandLine whole(CfnCommand root) {
        if (CommandModel.of(CfnCommand.class).isEmpty()) {
            return CfnCommand.annotatedTree(root); // classes compiled without the build's models
        }
        return node(CfnCommand.class, root, List.of());
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
        Optional<CommandModel> model = CommandModel.of(CfnCommand.class);
        if (model.isEmpty()) {
            return null; // classes compiled without the build's models: the annotated whole tree
        }
        Class<?> command = model.get().subcommand(words.get(0));
        if (command == null) {
            return null;
        }
        Class<?> subcommand = words.size() > 1 ? model(command).subcommand(words.get(1)) : null;
        return node(CfnCommand.class, root, subcommand == null ? List.of(command) : List.of(command, subcommand));
    }

    /**
     * The command {@code type}, bound to {@code instance} (null: a new one), with the subcommands on
     * {@code path} only, or with all of them (recursively) when the path is empty: a group named
     * without a subcommand cfn knows gets all of its own, so picocli can list or suggest them.
     */
    private static CommandLine node(Class<?> type, Object instance, List<Class<?>> path) {
        CommandModel model = model(type);
        // Options first: adding a subcommand copies the INHERIT-scoped options into it.
        CommandSpec spec = model.build(instance != null ? instance : create(type));
        if (path.isEmpty()) {
            for (Class<?> sub : model.subcommands()) {
                spec.addSubcommand(model(sub).name(), node(sub, null, List.of()));
            }
        } else {
            spec.addSubcommand(model(path.get(0)).name(), node(path.get(0), null, path.subList(1, path.size())));
        }
        return new CommandLine(spec);
    }

    private static CommandModel model(Class<?> type) {
        return CommandModel.of(type)
                .orElseThrow(() -> new IllegalStateException(
                        "the build wrote no command model for " + type.getName() + "; rebuild cfn"));
    }

    private static Object create(Class<?> type) {
        try {
            return CommandLine.defaultFactory().create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create command " + type.getName(), e);
        }
    }
}
