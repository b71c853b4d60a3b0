package dev.cfn.cli;

import dev.cfn.store.SqliteWarmUp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's AOT cache (JEP 483/514/515): {@code bin/cfn} starts the JVM once per
 * build with {@code -XX:AOTCacheOutput} and {@value #PROPERTY}, and this runs a representative mix
 * of commands in that one JVM against a throwaway home, so that every later start finds the classes
 * they need already loaded and linked.
 */
final class AotTraining {
    /** System property naming the throwaway folder to train in; it must exist and be empty. */
    static final String PROPERTY = "cfn.aot.training";
    /** Optional system property naming a folder of SKILL.md files to import (the examples). */
    static final String SKILLS_PROPERTY = "cfn.aot.skills";

    private static final String AGENT = "backend-developer";

    private AotTraining() {}

    /**
     * Runs the mix in {@code work}; returns 0 when the happy paths succeeded, else names the failed
     * commands on stderr. The commands' own output is discarded.
     */
    static int run(Path work, Path skills, Map<String, String> env) {
        Map<String, String> cleanEnv = new HashMap<>(env);
        cleanEnv.keySet().removeIf(k -> k.startsWith("CFN_"));
        Path home = work.resolve("home");
        Path source = skills != null && Files.isDirectory(skills) ? skills : writeSampleSkill(work);
        List<String> names = skillNames(source);
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            // What Main does before a command, so its classes are in the cache too (a class missing
            // from it is looked up in the jars, and that opens the 3,900-entry core jar).
            if (Main.mayOpenADatabase(new String[] {"skill", "list"})) {
                SqliteWarmUp.start();
            }
            Main.onlyDaemonThreadsLeft();
            int failures = 0;
            for (List<String> command : happyPaths(home, source, names)) {
                int exit = CfnCommand.run(command.toArray(String[]::new), cleanEnv);
                if (exit != 0) {
                    err.println("cfn: AOT training: 'cfn " + String.join(" ", command) + "' exited " + exit);
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /**
     * The commands agents and scripts run often, plus set-up. Every class they touch is loaded at
     * each start from then on, used or not, so rare and human-only commands (help, completion,
     * history, errors) are left out on purpose: a fuller mix made `skill show` ~15% slower.
     */
    static List<List<String>> happyPaths(Path home, Path skills, List<String> names) {
        String h = home.toString();
        String first = names.get(0);
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("--home", h, "init"));
        commands.add(List.of("--home", h, "skill", "import", skills.toString(), "--approver", "aot@cfn.dev"));
        for (int i = 0; i < names.size(); i++) {
            commands.add(List.of(
                    "--home",
                    h,
                    "skill",
                    "deploy",
                    names.get(i),
                    "--agents",
                    AGENT + ",tester",
                    "--priority",
                    Integer.toString(1 + i % 10)));
        }
        commands.add(List.of("--home", h, "skill", "list"));
        commands.add(List.of("--home", h, "skill", "list", "--json"));
        commands.add(List.of("--home", h, "skill", "show", first));
        commands.add(List.of("--home", h, "skill", "show", first, "--json"));
        commands.add(List.of("--home", h, "skill", "load", "--agent", AGENT));
        commands.add(List.of("--home", h, "skill", "load", "--agent", AGENT, "--json"));
        commands.add(List.of(
                "--home",
                h,
                "skill",
                "log",
                "--agent-id",
                "aot-1",
                "--agent-type",
                AGENT,
                "--skill",
                first,
                "--exit-code",
                "0"));
        commands.add(List.of("--home", h, "analytics", "effectiveness", "--json"));
        commands.add(List.of("--home", h, "db", "stats", "--json"));
        return commands;
    }

    private static List<String> skillNames(Path skills) {
        try (Stream<Path> files = Files.walk(skills, 3)) {
            List<String> names = files.filter(p -> p.getFileName().toString().equals("SKILL.md"))
                    .map(p -> p.getParent().getFileName().toString())
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no SKILL.md under " + skills);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeSampleSkill(Path work) {
        Path dir = work.resolve("skills").resolve("aot-training");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("SKILL.md"), """
                    ---
                    name: aot-training
                    description: A skill that exists only to train the start-up cache.
                    version: 1.0.0
                    category: testing
                    tags: [training]
                    ---

                    # Training
                    Nothing to see here.
                    """);
            return dir.getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
